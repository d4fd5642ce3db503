; mem-freed-zero.s: pages made after another process freed its frames read zeros.
;
; A child writes 0x5EC20000 into every word of 24 mmap pages and 24 heap
; pages, yields, munmaps the mmap pages, gives the heap back with sbrk and
; exits. The parent, once it has reaped the child, makes 48 mmap pages, 48
; heap pages and touches 48 stack pages, and reads a word every 512 bytes of
; each, three times, yielding between passes: on a small machine the frames
; it gets are the child's old frames, and pages of its own are swapped out
; and in. Every word must be 0: prints the count of nonzero words
; (00000000), exits with it.
        .text
_start: li   r1, 4
        syscall
        beqz r1, writer
        li   r1, 5
        li   r2, 0
        syscall
        li   r1, 8
        li   r2, 196608
        li   r3, 3
        syscall
        mv   r12, r1
        li   r1, 6
        li   r2, 196608
        syscall
        mv   r13, r1
        li   r10, 0                  ; nonzero words
        li   r9, 0                   ; pass
pass:   mv   r3, r12
        call scan
        mv   r3, r13
        call scan
        li   r3, 0x7ffd0000
        call scan
        li   r1, 7
        syscall
        addi r9, r9, 1
        li   r8, 3
        blt  r9, r8, pass
        mv   r2, r10
        call puthex
        call putnl
        li   r1, 0
        mv   r2, r10
        syscall
; scan: 48 pages from r3, one word every 512 bytes; nonzero ones counted in r10
scan:   li   r4, 384
sc:     lw   r5, 0(r3)
        sltu r5, r0, r5
        add  r10, r10, r5
        addi r3, r3, 512
        addi r4, r4, -1
        bnez r4, sc
        ret
writer: li   r1, 8
        li   r2, 98304
        li   r3, 3
        syscall
        mv   r12, r1
        li   r1, 6
        li   r2, 98304
        syscall
        mv   r13, r1
        lui  r7, 0x5ec2
        mv   r3, r12
        li   r4, 24576
w1:     sw   r7, 0(r3)
        addi r3, r3, 4
        addi r4, r4, -1
        bnez r4, w1
        mv   r3, r13
        li   r4, 24576
w2:     sw   r7, 0(r3)
        addi r3, r3, 4
        addi r4, r4, -1
        bnez r4, w2
        li   r1, 7
        syscall
        li   r1, 9
        mv   r2, r12
        li   r3, 98304
        syscall
        li   r1, 6
        li   r2, -98304
        syscall
        li   r1, 0
        li   r2, 0
        syscall
        .include "lib/hex.s"
