; blk-last-word-jump.s: a loop through the last word of a text page.
;
; The loop's back edge `j second` is the last word of the first text page
; (0x1ffc) and its target the first word of the second (0x2000); `tail`, on
; the second page, jumps back to it. A block ends at a page's last word; the
; jump across the page boundary must be taken exactly as the interpreter
; takes it, 2,000 times. Prints the sum 1 + ... + 2000 = 0x001e8868, exit 0.
        .text
_start: li   r11, 0
        j    tail
        .space 4096 - 16
last:   j    second              ; the last word of the first text page (0x1ffc)
second: addi r11, r11, 1         ; 0x2000: the second page
        add  r5, r5, r11
        slti r6, r11, 2000
        bnez r6, tail
        mv   r2, r5
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0
        syscall
tail:   xor  r4, r4, r11
        j    last
        .include "lib/hex.s"
