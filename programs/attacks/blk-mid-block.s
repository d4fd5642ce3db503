; blk-mid-block.s: calls into the middle of a hot straight run of code.
;
; `run` is 32 instructions `addi r10, r10, k` (k = 1..32) and a `ret`: one
; block when entered at its top. The program calls it 200 times through
; `jalr`, entering at word (i mod 32) on call i, so that most calls land
; inside a block already compiled from an earlier entry. Each entry at word
; o adds (o+1) + ... + 32; the 200 calls add 72,780 = 0x00011C4C in all.
; Prints "blk-mid-block: PASS", exit 0, else "blk-mid-block: FAIL", exit 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ CALLS, 200
        .equ EXPECTED, 72780

        .text
_start: li   r11, 0                     ; r11: the call
        li   r12, CALLS
again:  andi r3, r11, 31                ; the entry word, 0..31
        shli r3, r3, 2
        la   r4, run
        add  r4, r4, r3
        jalr ra, r4, 0
        addi r11, r11, 1
        bne  r11, r12, again
        li   r2, EXPECTED
        bne  r10, r2, fail
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
fail:   li   r1, SYS_WRITE
        li   r2, 1
        la   r3, fail_msg
        li   r4, fail_end - fail_msg
        syscall
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

run:
        addi r10, r10, 1
        addi r10, r10, 2
        addi r10, r10, 3
        addi r10, r10, 4
        addi r10, r10, 5
        addi r10, r10, 6
        addi r10, r10, 7
        addi r10, r10, 8
        addi r10, r10, 9
        addi r10, r10, 10
        addi r10, r10, 11
        addi r10, r10, 12
        addi r10, r10, 13
        addi r10, r10, 14
        addi r10, r10, 15
        addi r10, r10, 16
        addi r10, r10, 17
        addi r10, r10, 18
        addi r10, r10, 19
        addi r10, r10, 20
        addi r10, r10, 21
        addi r10, r10, 22
        addi r10, r10, 23
        addi r10, r10, 24
        addi r10, r10, 25
        addi r10, r10, 26
        addi r10, r10, 27
        addi r10, r10, 28
        addi r10, r10, 29
        addi r10, r10, 30
        addi r10, r10, 31
        addi r10, r10, 32
        ret

        .data
pass_msg: .ascii "blk-mid-block: PASS\n"
pass_end:
fail_msg: .ascii "blk-mid-block: FAIL\n"
fail_end:
