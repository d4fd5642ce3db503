; blk-then-entry.s: jumps into the middle of a compiled if.
;
; `fn` holds a branch forward over eight plain instructions, which the block
; engine compiles as the then-part of an `if` inside one block. After 20
; calls from the top (compiled), 300 `jalr` calls enter at fn+8+4*(i mod 8):
; inside the then-part, which must then run from there as the interpreter
; runs it, not from the block's start. Prints r5 and r4 as the interpreter
; computes them (65d484aa f7bdef3c), exit 0.
        .text
_start: li   r11, 0
        la   r12, fn
warm:   li   r2, 1
        call fn
        addi r11, r11, 1
        li   r7, 20
        blt  r11, r7, warm
        li   r11, 0
again:  andi r6, r11, 7
        shli r6, r6, 2
        add  r6, r6, r12
        addi r6, r6, 8           ; entry = fn+8+4*(i%8): inside the then-part
        andi r2, r11, 1
        jalr ra, r6, 0
        addi r11, r11, 1
        li   r7, 300
        blt  r11, r7, again
        mv   r2, r5
        call puthex
        mv   r2, r4
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0
        syscall
fn:     addi r5, r5, 1
        bnez r2, skip
        addi r5, r5, 3
        addi r4, r4, 5
        xor  r5, r5, r4
        addi r5, r5, 7
        shli r4, r4, 1
        addi r4, r4, 11
        add  r5, r5, r4
        addi r5, r5, 13
skip:   addi r4, r4, 17
        ret
        .include "lib/hex.s"
