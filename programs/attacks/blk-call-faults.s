; blk-call-faults.s: page faults inside a callee that a compiled block runs on into.
;
; The loop calls `touch` 3,000 times with `call` (a jal on the same page, so
; the block engine runs on into the callee without returning to the
; dispatcher), with rdcycle before and after. `touch` loads and stores a word
; on heap page (pass^2 + 7) mod 40 of 40 fresh pages: the first touch of each
; page faults inside the block (zero-fill), and on a small machine pages are
; swapped out and in between calls. The faulting instruction must run again
; with every register as the interpreter has it: prints r4 (the last word
; written), r5 (a fold of every word and address) and ra (the return address,
; 0x0000104c) in hex: 000dbba0 2476192c 0000104c, exit 0. Both engines must
; give the same cycles too.
        .text
_start: li   r1, 6
        li   r2, 163840          ; 40 pages
        syscall
        mv   r12, r1             ; heap base
        li   r11, 0              ; pass
        li   r10, 0              ; sum of cycle deltas
loop:   rdcycle r9
        call touch
        rdcycle r8
        sub  r8, r8, r9
        add  r10, r10, r8
        addi r11, r11, 1
        li   r7, 3000
        blt  r11, r7, loop
        mv   r2, r4
        call puthex
        mv   r2, r5
        call puthex
        mv   r2, ra
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0
        syscall
touch:  mul  r3, r11, r11
        addi r3, r3, 7
        li   r6, 40
        remu r3, r3, r6
        shli r3, r3, 12
        add  r3, r3, r12
        lw   r4, 0(r3)
        add  r4, r4, r11
        sw   r4, 0(r3)
        add  r5, r5, r4
        xor  r5, r5, r3
        ret
        .include "lib/hex.s"
