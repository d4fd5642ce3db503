; the parent writes a data word, forks; the child writes it again: its
; copy-on-write copy; a page watch in each says which fault came first
_start:
    la   r3, word
    li   r4, 1
    sw   r4, 0(r3)      ; the parent's first store: the page comes from the image
    li   r1, 4          ; fork
    syscall
    beqz r1, child
    li   r1, 5          ; wait(0)
    li   r2, 0
    syscall
    lw   r4, 0(r3)      ; the parent's page is its own again
    li   r1, 0
    li   r2, 0
    syscall
child:
    li   r4, 2
    sw   r4, 0(r3)      ; the child's store: copy-on-write
    li   r1, 0
    li   r2, 0
    syscall
    .data
word: .word 0
