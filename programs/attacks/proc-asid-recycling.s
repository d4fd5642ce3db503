; proc-asid-recycling.s: makes 300 processes, one after another.
;
; There are only 255 ASIDs, so the kernel must hand out ASIDs that earlier
; (now dead) processes used, and flush whatever the TLB still holds under
; them. Each child writes its pid to the same virtual address (its own
; copy-on-write copy of a .data word), yields so that others run, reads it
; back, does it again with its pid inverted, and exits 0 only if it read its
; own values both times, and before all that read the parent's pid there. A
; stale TLB entry from an earlier owner of the ASID would show it the dead
; process's frame. The parent waits for each child in
; turn, counts the failures, and checks its own word kept its own pid.
;
; Prints
;   PASS: 300 children each read back their own values
;   PASS: the parent's own value survived
;   proc-asid-recycling: PASS
; and exits 0; otherwise "FAIL: ... (got X, want Y)" (X: children that
; failed, or the parent's wrong value), "proc-asid-recycling: FAIL", exit 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_GETPID, 3
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_YIELD, 7
        .equ CHILDREN, 300

        .text
_start:
        li   r1, SYS_GETPID
        syscall
        mv   r8, r1                     ; r8: my pid
        sw   r8, slot(r0)
        li   r9, CHILDREN               ; r9: children left to make
        li   r10, 0                     ; r10: children that failed
next_child:
        li   r1, SYS_FORK
        syscall
        beqz r1, child
        blt  r1, r0, fork_failed
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r1, status(r0)
        beqz r1, child_ok
fork_failed:
        addi r10, r10, 1
child_ok:
        addi r9, r9, -1
        bnez r9, next_child

        mv   r1, r10
        li   r5, 0
        la   r2, n_children
        call check
        lw   r1, slot(r0)
        mv   r5, r8
        la   r2, n_parent
        call check
        lw   r1, failures(r0)
        bnez r1, failed
        la   r2, s_verdict_pass
        call puts
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
failed: la   r2, s_verdict_fail
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

; A child: check the parent's value (r8, copied by fork), then write, yield, read back; twice.
child:  lw   r2, slot(r0)               ; first it must see what the parent wrote
        bne  r2, r8, child_bad
        li   r1, SYS_GETPID
        syscall
        mv   r3, r1                     ; r3: the value to keep
        li   r4, 2                      ; two rounds
child_round:
        sw   r3, slot(r0)
        li   r1, SYS_YIELD
        syscall
        lw   r2, slot(r0)
        bne  r2, r3, child_bad
        not  r3, r3                     ; the second round: the pid inverted
        addi r4, r4, -1
        bnez r4, child_round
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
child_bad:
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

        .include "lib/check.s"        ; check, puts, putnum and their strings

        .data
status:   .word 0
slot:     .word 0
n_children: .asciz "300 children each read back their own values"
n_parent:   .asciz "the parent's own value survived"
s_verdict_pass: .asciz "proc-asid-recycling: PASS\n"
s_verdict_fail: .asciz "proc-asid-recycling: FAIL\n"
