; hello.s: the smallest complete program. Writes a line and exits with 0.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ STDOUT, 1

        .text
_start:
        li   r1, SYS_WRITE
        li   r2, STDOUT
        la   r3, msg
        li   r4, msg_end - msg   ; length, worked out by the assembler
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

        .data
msg:    .ascii "hello, world\n"
msg_end:
