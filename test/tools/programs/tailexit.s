; f forks: the child exits; the parent counts to 3 in a loop whose label
; follows the child's exit, then jumps to a shared tail placed after g's
; exit: code cannot fall into either, but a branch reaches the loop
_start:
    call f
    li   r1, 0
    li   r2, 0
    syscall
f:
    li   r1, 4          ; fork
    syscall
    bnez r1, f_parent
    li   r1, 0          ; the child exits with 3
    li   r2, 3
    syscall
f_parent:
    addi r3, r3, 1
    li   r4, 3
    beq  r3, r4, f_out
    j    f_parent
f_out:
    j    tail
g:
    li   r1, 0
    li   r2, 7
    syscall
tail:
    li   r1, 5          ; wait(0)
    li   r2, 0
    syscall
    ret
