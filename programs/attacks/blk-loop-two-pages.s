; blk-loop-two-pages.s: a hot loop whose body crosses from one text page
; into the next, loading and storing over 24 data pages.
;
; The loop starts 16 bytes before the end of the first text page, so its
; first 4 instructions are on one page and the other 6 on the next; each
; pass loads and stores a word of one of 24 .bss pages in turn, so that a
; small TLB or a small memory evicts the code pages between passes. After
; 3,000 passes the folded sum in r10 must be 0x00435920 (what the
; interpreter computes with memory to spare). Prints
; "blk-loop-two-pages: PASS", exit 0, else "blk-loop-two-pages: FAIL",
; exit 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ PASSES, 3000
        .equ EXPECTED, 0x00435920

        .text
_start: li   r11, 0                     ; r11: the pass
        li   r12, PASSES
        la   r13, arr
        j    loop
        .space 4060                     ; loop: at 0x1FF0 (0x1000 + 5 words + 4060)
loop:   andi r3, r11, 23                ; the data page, 0..23
        shli r3, r3, 12
        add  r3, r3, r13
        lw   r4, 0(r3)                  ; the first page's last word
        add  r10, r10, r4               ; the second page's first word
        addi r4, r11, 7
        sw   r4, 0(r3)
        addi r11, r11, 1
        xor  r10, r10, r11
        bne  r11, r12, loop
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

        .data
pass_msg: .ascii "blk-loop-two-pages: PASS\n"
pass_end:
fail_msg: .ascii "blk-loop-two-pages: FAIL\n"
fail_end:
        .bss
arr:    .space 98304                    ; 24 pages
