; blk-then-fault.s: a fault inside the then-part of a compiled block.
;
; The loop is one block: a branch forward over five plain instructions
; (which the block engine runs as the then-part of an `if`) skips them on
; odd passes. The then-part loads through r8, which is `buf` until pass 30
; and then the null pointer (computed, no branch); pass 30 is even, so
; the load runs and faults there. The kill must be the interpreter's, at
; the load, with every earlier instruction of the pass done:
;   bad_access: load from 0x00000000 in the null page (below 0x00001000):
;   was the pointer null? (null_page); pc 0x00001024, blk-then-fault.s:21
; It never exits by itself.
        .text
_start: li   r10, 0                     ; r10: the pass
        la   r12, buf
loop:   addi r2, r2, 3
        andi r3, r10, 1
        bnez r3, skip                   ; odd passes skip the then-part
        slti r6, r10, 30
        sub  r6, r0, r6                 ; all ones before pass 30, then 0
        and  r8, r12, r6
        lw   r9, 0(r8)                  ; faults on pass 30
        add  r4, r4, r9
skip:   addi r10, r10, 1
        j    loop

        .data
buf:    .word 5
