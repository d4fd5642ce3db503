; mem-sbrk-tables.s: grow the heap by 5 MiB and give it all back, 40 times.
;
; Each round sbrk(+5 MiB) (the heap then crosses a 4 MiB page-table
; boundary), reads one word in each MiB (it must be zero: pages given back
; earlier come back zero-filled) and writes the round number there, then
; sbrk(-5 MiB): the kernel unmaps the pages and frees the second-level
; tables it left empty. Nothing of an earlier round may show, and no frame
; may be left behind. Prints "mem-sbrk-tables: PASS" and exits 0, or
; "mem-sbrk-tables: FAIL" and exits 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_SBRK, 6
        .equ ROUNDS, 40
        .equ GROWTH, 0x500000
        .equ STEP, 0x100000

        .text
_start: li   r11, ROUNDS
round:  li   r1, SYS_SBRK
        li   r2, GROWTH
        syscall
        blt  r1, r0, fail
        mv   r5, r1
        li   r6, 0
touch:  add  r8, r5, r6
        lw   r9, 0(r8)
        bnez r9, fail                   ; an earlier round's word survived
        sw   r11, 0(r8)
        li   r9, STEP
        add  r6, r6, r9
        li   r9, GROWTH
        blt  r6, r9, touch
        li   r1, SYS_SBRK
        li   r2, -GROWTH
        syscall
        li   r9, GROWTH
        add  r9, r5, r9
        bne  r1, r9, fail               ; it returns the old break
        addi r11, r11, -1
        bnez r11, round
        la   r3, pass
        li   r4, pass_end - pass
        li   r6, 0
        j    out
fail:   la   r3, failed
        li   r4, failed_end - failed
        li   r6, 1
out:    li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r6
        syscall

        .data
pass:   .ascii "mem-sbrk-tables: PASS\n"
pass_end:
failed: .ascii "mem-sbrk-tables: FAIL\n"
failed_end:
