; blk-rewrite-lengths.s: the same code page rewritten with a function of a new length.
;
; 120 rounds: mprotect an r-x mmap page RW, write `addi r1, r1, ROUND` (round mod 9)
; + 1 times and `ret`, mprotect it r-x, call it 6 times (compiled from the
; third). Each round's block is longer or shorter than the last one compiled
; from the same frame and address: a stale block would add the wrong count.
; Prints the sum over rounds of 6 * ((r mod 9) + 1) * r = 0x00033e28, exit 0.
        .text
_start: li   r1, 8
        li   r2, 4096
        li   r3, 3
        syscall
        mv   r12, r1
        li   r11, 0             ; round
        li   r10, 0             ; total
round:  li   r1, 10
        mv   r2, r12
        li   r3, 4096
        li   r4, 3
        syscall
        li   r6, 9
        remu r6, r11, r6
        addi r6, r6, 1          ; copies
        lui  r7, 0x1111         ; addi r1, r1, imm: 0x11 op, rd=1, rs1=1
        andi r8, r11, 0xffff
        or   r7, r7, r8
        mv   r8, r12
wr:     sw   r7, 0(r8)
        addi r8, r8, 4
        addi r6, r6, -1
        bnez r6, wr
        la   r9, retword
        lw   r9, 0(r9)
        sw   r9, 0(r8)
        li   r1, 10
        mv   r2, r12
        li   r3, 4096
        li   r4, 5
        syscall
        li   r6, 6
call6:  li   r1, 0
        jalr ra, r12, 0
        add  r10, r10, r1
        addi r6, r6, -1
        bnez r6, call6
        addi r11, r11, 1
        li   r6, 120
        blt  r11, r6, round
        mv   r2, r10
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0
        syscall
retword: ret
        .include "lib/hex.s"
