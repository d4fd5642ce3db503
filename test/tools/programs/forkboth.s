; forkboth: parent and child run the same loop after the fork, for the
; debugger's tests: a breakpoint for one pid stops only that process.
        .text
_start: li   r1, 4              ; fork(): r1 = child's pid, or 0 in the child
        syscall
        mv   r5, r1
        li   r6, 2
loop:   la   r3, s_parent       ; each turn prints who it is
        bnez r5, say
        la   r3, s_child
say:    li   r1, 1              ; write(1, r3, 2)
        li   r2, 1
        li   r4, 2
        syscall
        addi r6, r6, -1
        bnez r6, loop
        li   r1, 0
        li   r2, 0
        syscall
        .data
s_parent: .ascii "P\n"
s_child:  .ascii "C\n"
