; proc-reap-orders.s: children ended, killed and orphaned, reaped in the order they ended.
;
; Forks 8 children; child i forks a grandchild (sleeps 50 ticks, exits 100+i:
; an orphan once its parent ends), sleeps (8-i)*3 ticks and exits i. The
; parent kills children 2 and 5 at once, twice for child 2 (0 both times:
; it is ended but not reaped), prints the three results, then reaps every
; child and prints pid and status in order: the killed first (status 264),
; then the others, the shortest sleep first; then wait says ECHILD (-10)
; and the count 8. Orphans are reaped by the kernel.
        .text
_start: li   r11, 0
        la   r12, pids
fk:     li   r1, 4
        syscall
        beqz r1, child
        shli r5, r11, 2
        add  r5, r5, r12
        sw   r1, 0(r5)
        addi r11, r11, 1
        li   r5, 8
        blt  r11, r5, fk
        li   r1, 12
        lw   r2, 8(r12)
        syscall
        mv   r2, r1
        call puthex
        li   r1, 12
        lw   r2, 20(r12)
        syscall
        mv   r2, r1
        call puthex
        li   r1, 12
        lw   r2, 8(r12)
        syscall
        mv   r2, r1
        call puthex
        call putnl
        li   r11, 0
rp:     li   r1, 5
        la   r2, status
        syscall
        blt  r1, r0, done
        mv   r2, r1
        call puthex
        lw   r2, status(r0)
        call puthex
        addi r11, r11, 1
        j    rp
done:   mv   r2, r1
        call puthex
        mv   r2, r11
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0
        syscall
child:  li   r1, 4
        syscall
        beqz r1, grand
        li   r5, 8
        sub  r2, r5, r11
        li   r5, 3
        mul  r2, r2, r5
        li   r1, 11
        syscall
        li   r1, 0
        mv   r2, r11
        syscall
grand:  li   r1, 11
        li   r2, 50
        syscall
        li   r1, 0
        addi r2, r11, 100
        syscall
        .include "lib/hex.s"
        .data
pids:   .space 32
status: .word 0
