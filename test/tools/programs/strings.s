; strings: for the debugger's x/s tests: quotes, tabs and a newline, a
; second string right after the first, and bytes outside printable ASCII.
        .text
_start: li   r1, 0
        li   r2, 0
        syscall
        .data
msg:    .asciz "hi\tthere \"you\"\n"
two:    .asciz "second"
junk:   .byte 1, 0x1b, 0xff, 0
tail:   .ascii "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"    ; no zero after it
