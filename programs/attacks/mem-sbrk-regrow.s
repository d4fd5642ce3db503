; mem-sbrk-regrow.s: the heap shrunk and grown again reads zeros; PROT_NONE keeps contents.
;
; 200 rounds: sbrk three pages, read a word every 2044 bytes (each must be 0,
; though the last round wrote there), write (pid << 16) | round, read it back,
; sbrk them away again; also write the round into an mmap page, mprotect it
; PROT_NONE, yield, mprotect it RW and read the round back. Prints the count
; of wrong words in hex (00000000), exits with it.
        .text
_start: li   r1, 3
        syscall
        mv   r13, r1
        li   r1, 8
        li   r2, 4096
        li   r3, 3
        syscall
        mv   r12, r1
        li   r11, 0
        li   r10, 0                 ; errors
round:  li   r1, 6
        li   r2, 12288
        syscall
        mv   r9, r1
        li   r4, 0
rd:     add  r5, r9, r4
        lw   r6, 0(r5)
        sltu r6, r0, r6
        add  r10, r10, r6
        shli r7, r13, 16
        or   r7, r7, r11
        sw   r7, 0(r5)
        lw   r6, 0(r5)
        sub  r6, r6, r7
        sltu r6, r0, r6
        add  r10, r10, r6
        addi r4, r4, 2044
        li   r6, 12288
        blt  r4, r6, rd
        sw   r11, 0(r12)
        li   r1, 10
        mv   r2, r12
        li   r3, 4096
        li   r4, 0
        syscall
        li   r1, 7
        syscall
        li   r1, 10
        mv   r2, r12
        li   r3, 4096
        li   r4, 3
        syscall
        lw   r6, 0(r12)
        sub  r6, r6, r11
        sltu r6, r0, r6
        add  r10, r10, r6
        li   r1, 6
        li   r2, -12288
        syscall
        addi r11, r11, 1
        li   r6, 200
        blt  r11, r6, round
        mv   r2, r10
        call puthex
        call putnl
        li   r1, 0
        mv   r2, r10
        syscall
        .include "lib/hex.s"
