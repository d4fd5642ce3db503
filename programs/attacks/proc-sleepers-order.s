; proc-sleepers-order.s: many sleepers due at the same tick, some killed.
;
; The parent forks 12 children and yields; each child i goes to sleep for
; 1000 + (i mod 3) ticks, so four fall due at each of three ticks, all in
; the same tick as they slept (run with a quantum much longer than the
; forking: the default). The parent kills children 0, 4 and 8 while they
; sleep, then reaps all 12 and prints one character per child in the order
; they ended: '*' for a killed child (status 264), else its letter 'a' + i
; (it exits i after writing its letter). A killed sleeper must never wake;
; sleepers due at the same tick wake in the order they went to sleep (the
; scheduler's heap orders by tick, then by that order: docs/kernel.md). The
; parent prints "***dgjbhkcfl" and exits 0 (1 if a fork or kill failed).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_YIELD, 7
        .equ SYS_SLEEP, 11
        .equ SYS_KILL, 12
        .equ CHILDREN, 12

        .text
_start: li   r10, 0                     ; r10: child index
        la   r12, pids
spawn:  li   r1, SYS_FORK
        syscall
        beqz r1, child
        blt  r1, r0, fail
        shli r8, r10, 2
        add  r8, r8, r12
        sw   r1, 0(r8)
        addi r10, r10, 1
        li   r9, CHILDREN
        blt  r10, r9, spawn
        li   r1, SYS_YIELD              ; every child runs and sleeps
        syscall
        li   r10, 0
kill:   shli r8, r10, 2
        add  r8, r8, r12
        lw   r2, 0(r8)
        li   r1, SYS_KILL
        syscall
        bnez r1, fail
        addi r10, r10, 4
        li   r9, CHILDREN
        blt  r10, r9, kill
        li   r11, CHILDREN
        la   r13, line
reap:   li   r1, SYS_WAIT
        la   r2, status
        syscall
        blt  r1, r0, fail
        lw   r5, status(r0)
        li   r6, '*'
        li   r7, 264                    ; 256 + killed
        beq  r5, r7, put
        addi r6, r5, 'a'
put:    sb   r6, 0(r13)
        addi r13, r13, 1
        addi r11, r11, -1
        bnez r11, reap
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, line
        li   r4, CHILDREN + 1
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
fail:   li   r1, SYS_EXIT
        li   r2, 1
        syscall
child:  li   r9, 3
        rem  r2, r10, r9
        addi r2, r2, 1000
        li   r1, SYS_SLEEP
        syscall
        addi r5, r10, 'a'
        sb   r5, letter(r0)
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, letter
        li   r4, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r10
        syscall

        .data
pids:   .space 48
status: .word 0
letter: .word 0
line:   .ascii "............\n"
