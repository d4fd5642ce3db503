; smash: f copies 2 words into its 1-word local buffer, over the ra it saved,
; for the debugger's tests: its ret then jumps into the data.
        .text
_start: call f
        li   r1, 0
        li   r2, 0
        syscall
f:      addi sp, sp, -8
        sw   ra, 4(sp)
        mv   r3, sp          ; local buf at 0(sp), 1 word
        la   r4, src
        li   r5, 2           ; bug: 2 words into a 1-word buffer
copy:   lw   r6, 0(r4)
        sw   r6, 0(r3)
        addi r3, r3, 4
        addi r4, r4, 4
        addi r5, r5, -1
        bnez r5, copy
        lw   ra, 4(sp)
        addi sp, sp, 8
        ret
        .data
src:    .word 0x11111111, 0x00002000
