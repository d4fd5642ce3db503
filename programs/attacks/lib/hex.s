; hex.s: puthex writes r2 as 8 hex digits and a space to stdout; putnl writes a
; newline. Both keep every register but r1. For the attacks to include:
;     .include "lib/hex.s"   (it leaves the section as .text)
        .text
puthex: push r2
        push r3
        push r4
        push r5
        push r6
        la   r3, hexbuf
        li   r4, 8
puthex_l:
        shri r5, r2, 28
        slti r6, r5, 10
        bnez r6, puthex_d
        addi r5, r5, 39
puthex_d:
        addi r5, r5, 48
        sb   r5, 0(r3)
        addi r3, r3, 1
        shli r2, r2, 4
        addi r4, r4, -1
        bnez r4, puthex_l
        li   r5, 32
        sb   r5, 0(r3)
        li   r1, 1
        li   r2, 1
        la   r3, hexbuf
        li   r4, 9
        syscall
        pop  r6
        pop  r5
        pop  r4
        pop  r3
        pop  r2
        ret
putnl:  push r2
        push r3
        push r4
        li   r1, 1
        li   r2, 1
        la   r3, nlbuf
        li   r4, 1
        syscall
        pop  r4
        pop  r3
        pop  r2
        ret
        .data
nlbuf:  .byte 10
        .align 4
hexbuf: .space 12
        .text
