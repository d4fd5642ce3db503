; nap: a function that sleeps, for the debugger's tests: the breakpoint after
; the sleep must stop when the process wakes, and bt must still be sure.
        .text
_start: call nap
        li   r1, 0
        li   r2, 0
        syscall
nap:    li   r1, 11             ; sleep(3): nobody else runs, so time skips ahead
        li   r2, 3
        syscall
        addi r5, r5, 1
        ret
