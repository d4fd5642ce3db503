; One step of a linked list: the load's base register is also its destination.
        .text
_start: la   r4, cell
        lw   r4, 0(r4)       ; loads 7 from cell: the base register is overwritten
        li   r1, 0
        li   r2, 0
        syscall
        .data
cell:   .word 7
