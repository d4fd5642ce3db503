; readover: reads up to 16 bytes into a 4-byte buffer, for the debugger's
; tests: the read overwrites flag, the word after the buffer.
        .text
_start: li   r1, 2              ; read(0, buf, 16): buf holds 4
        li   r2, 0
        la   r3, buf
        li   r4, 16
        syscall
        la   r3, flag
        lw   r2, 0(r3)          ; exit(flag): meant to be 7
        li   r1, 0
        syscall
        .data
buf:    .word 0
flag:   .word 7
