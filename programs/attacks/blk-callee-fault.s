; blk-callee-fault.s: a divide by zero in a callee that a compiled block runs on into.
;
; The loop calls `callee` (a jal on the same page: the block goes on into it)
; with r3 = 77 - pass; on pass 77 the callee's div divides by zero. The kill
; is the interpreter's, in the callee, with its counts:
;   divide_by_zero: div by zero (the divisor, r3, is 0) (zero_divisor);
;   pc 0x00001020, blk-callee-fault.s:18
; It never exits by itself.
        .text
_start: li   r11, 0
loop:   li   r3, 77
        sub  r3, r3, r11
        call callee
        add  r5, r5, r4
        addi r11, r11, 1
        j    loop
callee: addi r6, r6, 1
        div  r4, r6, r3
        ret
