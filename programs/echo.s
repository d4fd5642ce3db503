; echo: copies standard input to standard output until the end of input.
;
; It reads at most 64 bytes at a time into a buffer and writes out exactly
; what each read returned; read returns 0 at the end of input, and the
; program then exits 0. A read or write error (a negative result) prints
; "FAIL: echo: i/o error" on stderr and exits 1.
;
;   printf 'hi\n' | illusion run programs/echo.s      prints: hi
;
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_READ, 2
        .equ BUF_BYTES, 64

        .text
_start:
loop:   li   r1, SYS_READ       ; n = read(0, buffer, BUF_BYTES)
        li   r2, 0
        la   r3, buffer
        li   r4, BUF_BYTES
        syscall
        beqz r1, done           ; 0: end of input
        blt  r1, r0, fail       ; negative: an error
        mv   r4, r1             ; write(1, buffer, n)
        li   r1, SYS_WRITE
        li   r2, 1
        syscall                 ; r3 still points at buffer
        bne  r1, r4, fail       ; a short or failed write
        j    loop
done:   li   r1, SYS_EXIT
        li   r2, 0
        syscall
fail:   li   r1, SYS_WRITE
        li   r2, 2
        la   r3, failmsg
        li   r4, failmsg_end - failmsg
        syscall
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

        .data
failmsg:
        .ascii "FAIL: echo: i/o error\n"
failmsg_end:

        .bss
buffer: .space BUF_BYTES
