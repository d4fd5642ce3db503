; workload.s: the body of the page-reference workloads (OSTEP chapter 22's
; no-locality, 80-20 and looping-sequential), for a program to include. The
; program's _start jumps to workload with r2 = pages of heap, r3 = references
; and r4 = the address of its next_page routine, which returns in r2 the page
; (0..pages-1) of the next reference, using r10 as it likes (r10 starts at 0)
; and r1..r5 as scratch.
;
; It writes every page once (one fault each, a new zero page: OSTEP's
; cold-start misses), then makes the references, one load of a word of page
; next_page each, and prints "REFS references to PAGES pages" and exits 0.
; The page faults and swap-ins beyond those first ones are the replacement
; policy's:
;   illusion run programs/measure/hot-cold.s --frames 64 --policy lru --stats
        .equ WL_SYS_EXIT, 0
        .equ WL_SYS_SBRK, 6

        .text
workload:
        mv   r9, r2             ; r9 = pages, r8 = references left, r11 = next_page
        mv   r8, r3
        mv   r11, r4
        li   r1, WL_SYS_SBRK    ; r6 = base of the pages of heap
        shli r2, r9, 12
        syscall
        blt  r1, r0, wl_fail
        mv   r6, r1
        li   r7, 0              ; first touch: write a word of every page
wl_touch:
        shli r3, r7, 12
        add  r3, r6, r3
        sw   r7, 0(r3)
        addi r7, r7, 1
        bltu r7, r9, wl_touch

        li   r10, 0             ; next_page's own state
        mv   r7, r8             ; kept for the report
wl_ref: jalr ra, r11, 0         ; r2 = next_page()
        shli r3, r2, 12         ; load the word of page r2 the touch wrote
        add  r3, r6, r3
        lw   r4, 0(r3)
        bne  r4, r2, wl_fail    ; it must hold its own page number
        addi r8, r8, -1
        bnez r8, wl_ref

        mv   r2, r7
        call putnum
        la   r2, wl_s_refs
        call puts
        mv   r2, r9
        call putnum
        la   r2, wl_s_pages
        call puts
        li   r1, WL_SYS_EXIT
        li   r2, 0
        syscall
wl_fail:
        la   r2, wl_s_fail
        call puts
        li   r1, WL_SYS_EXIT
        li   r2, 1
        syscall

; rand: r2 = the next of a fixed sequence of 15-bit numbers (a linear
; congruential generator; the same seed every run, so runs are repeatable).
rand:   la   r3, wl_seed
        lw   r4, 0(r3)
        li   r5, 1103515245
        mul  r4, r4, r5
        li   r5, 12345
        add  r4, r4, r5
        sw   r4, 0(r3)
        shri r2, r4, 16
        andi r2, r2, 0x7fff
        ret

        .include "../../lib/print.s" ; puts and putnum (line-buffered output)

        .data
wl_seed:    .word 1
wl_s_refs:  .asciz " references to "
wl_s_pages: .asciz " pages\n"
wl_s_fail:  .asciz "FAIL: a page lost its word\n"
