; blk-long-block-fault.s: a fault deep inside a long compiled block.
;
; The loop body is one block of 51 instructions (ALU work and a store). Its
; 40th loads through r8, which is the address of `buf` for the first 50
; passes and then 0 (computed inside the block, no branch). The block is
; compiled after a few passes; on pass 51 its load faults. The kernel must
; kill it exactly as the interpreter would: at the load's pc, with every
; earlier instruction of the pass done (the registers, the instruction and
; cycle counts the same under either engine):
;   bad_access: load from 0x00000000 in the null page (below 0x00001000):
;   was the pointer null? (null_page); pc 0x000010a8, blk-long-block-fault.s:56
; It never exits by itself.
        .text
_start: li   r11, 0                     ; r11: the pass
        la   r12, buf
pass:
        addi r2, r2, 1
        addi r3, r3, 2
        add  r4, r2, r3
        xor  r5, r4, r11
        addi r2, r2, 1
        addi r3, r3, 2
        add  r4, r2, r3
        xor  r5, r4, r11
        addi r2, r2, 1
        addi r3, r3, 2
        add  r4, r2, r3
        xor  r5, r4, r11
        addi r2, r2, 1
        addi r3, r3, 2
        add  r4, r2, r3
        xor  r5, r4, r11
        sw   r5, 0(r12)
        addi r2, r2, 1
        addi r3, r3, 2
        add  r4, r2, r3
        xor  r5, r4, r11
        addi r2, r2, 1
        addi r3, r3, 2
        add  r4, r2, r3
        xor  r5, r4, r11
        addi r2, r2, 1
        addi r3, r3, 2
        add  r4, r2, r3
        xor  r5, r4, r11
        addi r2, r2, 1
        addi r3, r3, 2
        add  r4, r2, r3
        xor  r5, r4, r11
        slti r6, r11, 50
        sub  r6, r0, r6                 ; all ones while r11 < 50, then 0
        and  r8, r12, r6                ; buf, then the null pointer
        xori r7, r6, 0x5555
        shli r7, r7, 16
        shri r7, r7, 16
        lw   r9, 0(r8)                  ; the 40th instruction
        add  r10, r10, r9
        addi r2, r2, 1
        addi r3, r3, 2
        add  r4, r2, r3
        xor  r5, r4, r11
        addi r2, r2, 1
        addi r3, r3, 2
        add  r4, r2, r3
        xor  r5, r4, r11
        addi r11, r11, 1
        j    pass

        .data
buf:    .word 7
