; noraret: outer calls inner without saving ra first, for the debugger's
; tests: outer's ret then returns to just after its own call of inner,
; which is that ret again, so the program never ends.
        .text
_start: call outer
        li   r1, 0
        li   r2, 0
        syscall
outer:  li   r2, 1
        call inner              ; overwrites ra, which outer did not save
        ret
inner:  addi r2, r2, 1
        ret
