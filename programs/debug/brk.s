; brk: a program that sets its own breakpoint, then goes on and exits 3.
        .equ SYS_EXIT, 0
        .text
_start:
        li   r2, 1
        brk                     ; stop here under the debugger
        addi r2, r2, 2
        li   r1, SYS_EXIT
        syscall
