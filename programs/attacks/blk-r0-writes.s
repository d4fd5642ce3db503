; blk-r0-writes.s: writes to r0 inside a hot compiled loop.
;
; Every pass of the loop (one block) writes r0 six ways (addi, add, lui,
; lw, mul, div) and adds r0 into r7: the writes must vanish, so r7 stays 0
; and the loop counts on. The div's divisor is 1 for 39 passes and 0 on
; pass 40 (computed in the block, no branch): a division by zero traps
; even though its result would be thrown away, at the div's pc, with the
; interpreter's registers and counts:
;   divide_by_zero: div by zero (the divisor, r11, is 0) (zero_divisor);
;   pc 0x00001040, blk-r0-writes.s:31
; A pass that sees r0 as anything but 0 prints a FAIL line and exits 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1

        .text
_start: li   r10, 0                     ; r10: the pass
        li   r5, 7
        la   r6, word
loop:   addi r0, r0, 5
        add  r0, r5, r5
        lui  r0, 0x1234
        lw   r0, 0(r6)
        mul  r0, r5, r5
        add  r7, r7, r0                 ; r0 reads 0
        bnez r7, fail
        slti r9, r10, 39
        xori r9, r9, 1                  ; 0 for passes 0..38, then 1
        sub  r11, r5, r5
        add  r11, r11, r9
        xori r11, r11, 1                ; the divisor: 1, then 0
        div  r0, r5, r11
        addi r10, r10, 1
        j    loop
fail:   li   r1, SYS_WRITE
        li   r2, 1
        la   r3, failed
        li   r4, failed_end - failed
        syscall
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

        .data
word:   .word 99
failed: .ascii "FAIL: blk-r0-writes: r0 was written\n"
failed_end:
