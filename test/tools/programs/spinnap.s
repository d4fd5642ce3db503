; spinnap: the child sleeps 1 tick while the parent spins, so the child
; wakes on a timer tick in the middle of the parent's run, not in a skip.
        .text
_start: li   r1, 4              ; fork()
        syscall
        beqz r1, child
        li   r5, 15000
spin:   addi r5, r5, -1
        bnez r5, spin
        li   r1, 5              ; wait(0)
        li   r2, 0
        syscall
        li   r1, 0              ; exit(0)
        li   r2, 0
        syscall
child:  li   r1, 11             ; sleep(1)
        li   r2, 1
        syscall
        li   r1, 0              ; exit(9)
        li   r2, 9
        syscall
