; host-zombie-reap.s: 20,000 children that end before their parent waits.
;
; The parent forks a child and yields (the child exits at once with its
; round number mod 128, and stays a zombie) until it has CHILDREN of them,
; then reaps them all. wait reaps the child that ended first; the kernel
; once found it by looking at every child the parent had, so reaping n
; zombies cost n^2/2 looks (20,000: 200 million; 80,000 children took the
; host 46 s for 240,000 instructions). Each wait must return the next pid
; in order (they ended in pid order) with that child's status. Run with
; --max-procs 20001 or more. Prints "host-zombie-reap: PASS" and exits 0,
; or "host-zombie-reap: FAIL" and exits 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_YIELD, 7
        .equ CHILDREN, 20000

        .text
_start:
        li   r10, 0                     ; r10: children made
make:   li   r1, SYS_FORK
        syscall
        beqz r1, child
        blt  r1, r0, fail               ; fork refused
        bnez r10, made
        mv   r12, r1                    ; r12: the first child's pid
made:   addi r10, r10, 1
        li   r1, SYS_YIELD              ; let it run and end
        syscall
        li   r5, CHILDREN
        blt  r10, r5, make
        li   r11, 0                     ; r11: children reaped
reap:   li   r1, SYS_WAIT
        la   r2, status
        syscall
        add  r5, r12, r11
        bne  r1, r5, fail               ; the earliest ended: pids in order
        lw   r6, status(r0)
        andi r7, r11, 127
        bne  r6, r7, fail               ; its own status
        addi r11, r11, 1
        blt  r11, r10, reap
        li   r1, SYS_WAIT               ; none left
        li   r2, 0
        syscall
        li   r5, -10
        bne  r1, r5, fail
        la   r3, pass
        li   r4, pass_end - pass
        li   r2, 0
        j    report
fail:   la   r3, failed
        li   r4, failed_end - failed
        li   r2, 1
report: mv   r6, r2
        li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r6
        syscall
child:  andi r2, r10, 127               ; exit(round mod 128)
        li   r1, SYS_EXIT
        syscall

        .data
status: .word 0
pass:   .ascii "host-zombie-reap: PASS\n"
pass_end:
failed: .ascii "host-zombie-reap: FAIL\n"
failed_end:
