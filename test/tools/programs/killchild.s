; killchild: the parent kills its child before the child runs, for the
; trace's tests: the child's process_end names the killer and its pc.
        .text
_start: li   r1, 4              ; fork()
        syscall
        beqz r1, child
        mv   r2, r1             ; kill(child)
        li   r1, 12
        syscall
        li   r1, 5              ; wait(0)
        li   r2, 0
        syscall
        li   r1, 0
        li   r2, 0
        syscall
child:  li   r1, 0
        li   r2, 1
        syscall
