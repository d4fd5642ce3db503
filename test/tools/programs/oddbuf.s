; a buffer after a 3-byte string, so not word-aligned: x buf shows the words around it
_start:
    li   r1, 0
    li   r2, 0
    syscall
    .data
name:   .asciz "ab"
buf:    .ascii "wxyz"
        .byte 0
