; the child loads through a null pointer and is killed; the parent reaps it
; and exits with the status wait stored (257: 256 + bad_access)
_start:
    li   r1, 4          ; fork
    syscall
    beqz r1, child
    li   r1, 5          ; wait(&status)
    la   r2, status
    syscall
reaped:
    la   r3, status
    lw   r2, 0(r3)
    li   r1, 0
    syscall
child:
    li   r3, 0
    lw   r4, 8(r3)
    li   r1, 0
    li   r2, 0
    syscall
    .data
status: .word 0
