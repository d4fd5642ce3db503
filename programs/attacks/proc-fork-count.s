; proc-fork-count.s: forks in a loop, never waiting, until fork says no.
;
; Ended-but-unwaited children still count against max_procs (SPEC section
; 7), so with the bystander alive beside it the first max_procs - 2 forks
; succeed (62 with the default 64, 6 with --max-procs 8) and the next one
; must return EAGAIN (-11), not crash or hang the machine. Every child
; exits at once with code 1. The program then waits for all of them
; (each status 1), checks that wait then says ECHILD, and that a fork works
; again now that the slots are free. It prints
;
;   proc-fork-count: 62 forks succeeded, then EAGAIN
;   PASS: the refused fork returned EAGAIN
;   PASS: wait reaped every child, each with status 1
;   PASS: then wait -> ECHILD
;   PASS: a fork after reaping succeeds
;   proc-fork-count: PASS
;
; (the number is max_procs - 2) and exits 0; a wrong answer prints
; "FAIL: <check> (got X, want Y)", then "proc-fork-count: FAIL", exit 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ EAGAIN, -11
        .equ ECHILD, -10
        .equ LIMIT, 100000              ; a safety stop, far above any max_procs used

        .text
_start:
        li   r8, 0                      ; r8: forks that succeeded
        li   r9, LIMIT
fork_loop:
        li   r1, SYS_FORK
        syscall
        beqz r1, child
        blt  r1, r0, refused
        addi r8, r8, 1
        addi r9, r9, -1
        bnez r9, fork_loop
refused:
        mv   r10, r1                    ; r10: what the refused fork returned
        la   r2, s_count
        call puts
        mv   r2, r8
        call putnum
        la   r2, s_count_end
        call puts
        mv   r1, r10
        li   r5, EAGAIN
        la   r2, n_eagain
        call check

        li   r11, 0                     ; r11: children reaped with status 1
reap:   li   r1, SYS_WAIT
        la   r2, status
        syscall
        blt  r1, r0, reaped_all
        lw   r1, status(r0)
        addi r1, r1, -1
        bnez r1, reap
        addi r11, r11, 1
        j    reap
reaped_all:
        mv   r10, r1
        mv   r1, r11
        mv   r5, r8
        la   r2, n_reaped
        call check
        mv   r1, r10
        li   r5, ECHILD
        la   r2, n_echild
        call check

        li   r1, SYS_FORK
        syscall
        beqz r1, child
        slt  r1, r0, r1                 ; 1 when fork gave a pid
        li   r5, 1
        la   r2, n_fork_again
        call check
        li   r1, SYS_WAIT
        li   r2, 0
        syscall

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

child:  li   r1, SYS_EXIT
        li   r2, 1
        syscall

        .include "lib/check.s"        ; check, puts, putnum and their strings

        .data
status:   .word 0
s_count:        .asciz "proc-fork-count: "
s_count_end:    .asciz " forks succeeded, then EAGAIN\n"
n_eagain:       .asciz "the refused fork returned EAGAIN"
n_reaped:       .asciz "wait reaped every child, each with status 1"
n_echild:       .asciz "then wait -> ECHILD"
n_fork_again:   .asciz "a fork after reaping succeeds"
s_verdict_pass: .asciz "proc-fork-count: PASS\n"
s_verdict_fail: .asciz "proc-fork-count: FAIL\n"
