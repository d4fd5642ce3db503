; features.s: touches every kind of statement the assembler knows, and checks
; its own arithmetic. Prints "features: ok" and exits 0, or "features: FAIL"
; and exits 1.
        .equ COUNT, 10
        .equ TABLE_BYTES, COUNT + 40 - 10   # expressions chain + and -
        .equ LAST, table + TABLE_BYTES - 4 ; a constant may use a label

        .text
_start:
        li   sp, 0x80000000      ; the kernel sets sp too; harmless
        call sum_table           ; r1 = 0 + 1 + ... + 9
        li   r2, 45
        bne  r1, r2, fail
        la   r3, LAST
        lw   r4, (r3)
        li   r5, 9
        bne  r4, r5, fail
        not  r6, r0              ; -1
        addi r6, r6, 1
        bnez r6, fail
        neg  r7, r5
        bgt  r7, r0, fail        ; -9 > 0 is false
        li   r8, 'A'
        lbu  r9, letter(r0)
        bne  r8, r9, fail
        j    pass

sum_table:                       ; returns the sum of `table` in r1
        push ra
        la   r2, table
        li   r3, COUNT
        mv   r1, zero
sum_loop: ble  r3, r0, sum_done
        lw   r4, 0(r2)
        add  r1, r1, r4
        addi r2, r2, 4
        addi r3, r3, -1
        j    sum_loop
sum_done: pop  ra
        ret

pass:   la   r3, ok_msg
        li   r4, ok_end - ok_msg
        li   r10, 0
        j    finish
fail:   la   r3, fail_msg
        li   r4, fail_end - fail_msg
        li   r10, 1
finish: li   r1, 1
        li   r2, 1
        syscall
        li   r1, 0
        mv   r2, r10
        syscall

        .data
letter: .byte 'A', 0, 0, 0
        .align 4
table:  .word 0, 1, 2, 3, 4, 5, 6, 7, 8, 9
ok_msg: .ascii "features: ok\n"
ok_end:
fail_msg: .asciz "features: FAIL\n"
fail_end:
        .bss
        .align 8
scratch: .space 64
