; proc-asid-crowd.s: 260 processes alive at once, more than there are ASIDs.
;
; The parent forks 260 children without waiting. Each checks that it sees
; the parent's pid in a .data word, then writes its own pid to the
; same virtual address (its own copy-on-write copy of a .data word), sleeps
; 2000 ticks so that all the others are made meanwhile, then 30 times yields and checks the word still holds its pid, and exits 0 only
; if it always did. With 261 address spaces and 255 ASIDs the kernel must
; take ASIDs back from live processes and give them back later, flushing
; the TLB each time, while (run with a tiny quantum) timer ticks switch
; between them all the time. Needs --max-procs 300 and about 2048 frames.
; The parent then waits for all 260 and counts the failures.
;
; Prints
;   PASS: 260 children alive at once each kept their own value
;   PASS: the parent's own value survived
;   proc-asid-crowd: PASS
; and exits 0; otherwise "FAIL: ... (got X, want Y)" (X: children that
; failed or could not be made, or the parent's wrong value),
; "proc-asid-crowd: FAIL", exit 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_GETPID, 3
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_YIELD, 7
        .equ CHILDREN, 260
        .equ ROUNDS, 30
        .equ NAP, 2000                  ; ticks: longer than making all 260 takes
        .equ SYS_SLEEP, 11

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
        bge  r1, r0, made
        addi r10, r10, 1                ; could not be made
made:   addi r9, r9, -1
        bnez r9, next_child
reap:   li   r1, SYS_WAIT
        la   r2, status
        syscall
        blt  r1, r0, reaped_all
        lw   r1, status(r0)
        beqz r1, reap
        addi r10, r10, 1
        j    reap
reaped_all:
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

; A child: check the parent's value, write once, sleep, then check after each of ROUNDS yields.
child:  lw   r2, slot(r0)               ; first it must see what the parent wrote
        bne  r2, r8, child_bad
        li   r1, SYS_GETPID
        syscall
        mv   r3, r1
        sw   r3, slot(r0)
        li   r1, SYS_SLEEP              ; until all the others exist too
        li   r2, NAP
        syscall
        li   r4, ROUNDS
child_round:
        li   r1, SYS_YIELD
        syscall
        lw   r2, slot(r0)
        bne  r2, r3, child_bad
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
n_children: .asciz "260 children alive at once each kept their own value"
n_parent:   .asciz "the parent's own value survived"
s_verdict_pass: .asciz "proc-asid-crowd: PASS\n"
s_verdict_fail: .asciz "proc-asid-crowd: FAIL\n"
