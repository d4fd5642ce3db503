; deep: recursion with no base case, for the debugger's tests: it runs into
; the guard page below the stack.
        .text
_start: call f
        li   r1, 0
        li   r2, 0
        syscall
f:      push ra
        call f                  ; bug: never stops
        pop  ra
        ret
