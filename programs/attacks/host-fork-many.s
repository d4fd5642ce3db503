; host-fork-many.s: 20,000 rounds of fork, exit, wait, one child at a time.
;
; The kernel once kept every process ever made in the list it searched on
; each fork and exit, so the host time per fork grew with the number of
; processes made before (40,000 rounds took 2.8 s, 160,000 took 45 s). Now
; a reaped process leaves the kernel's live set; its result is kept only if
; it is among the first 1000 made or the last 1000 reaped (--json says how
; many were left out). Each child exits with its round number mod 128; the
; parent checks that wait returns the child's pid, one more than the last,
; and stores that status. It prints "host-fork-many: PASS" and exits 0, or
; "host-fork-many: FAIL" and exits 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ ROUNDS, 20000

        .text
_start:
        li   r10, 0                     ; r10: round
        li   r11, 0                     ; r11: the last child's pid (0 before the first)
round:  li   r1, SYS_FORK
        syscall
        beqz r1, child
        blt  r1, r0, fail               ; fork failed
        beqz r11, first
        addi r5, r11, 1
        bne  r1, r5, fail               ; pids are handed out in order
first:  mv   r11, r1
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        bne  r1, r11, fail              ; wait reaped that child
        lw   r5, 0(r2)
        andi r6, r10, 127
        bne  r5, r6, fail               ; and stored its exit code
        addi r10, r10, 1
        li   r5, ROUNDS
        bltu r10, r5, round
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        li   r12, 0
        j    finish

child:  li   r1, SYS_EXIT
        andi r2, r10, 127
        syscall

fail:   la   r3, fail_msg
        li   r4, fail_end - fail_msg
        li   r12, 1
finish: li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r12
        syscall

        .data
status:   .word -1
pass_msg: .ascii "host-fork-many: PASS\n"
pass_end:
fail_msg: .ascii "host-fork-many: FAIL\n"
fail_end:
