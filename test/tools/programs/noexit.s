; noexit: work is called and falls off the end of the program (no ret, no
; exit), for the debugger's tests: disasm shows where pc went.
        .text
_start: call work
        li   r1, 0
        li   r2, 0
        syscall
work:   li   r5, 42
        addi r5, r5, 1
