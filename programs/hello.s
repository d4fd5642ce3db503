; hello: the first program to run. Writes a greeting with the write system
; call, then exits 0 with the exit system call.
;
;   illusion run programs/hello.s      prints: Hello from illusion!
        .text
_start:
        li   r1, 1              ; write(fd, buf, len)
        li   r2, 1              ; fd 1: stdout
        la   r3, message
        li   r4, message_end - message
        syscall
        li   r1, 0              ; exit(0)
        li   r2, 0
        syscall

        .data
message:
        .ascii "Hello from illusion!\n"
message_end:
