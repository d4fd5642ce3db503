; workload.s: the body of the page-reference workloads (OSTEP chapter 22's
; no-locality, 80-20 and looping-sequential), for a program to include after
; its own .equ PAGES (pages of heap), .equ REFS (references) and a routine
; next_page that returns in r2 the page (0..PAGES-1) of the next reference,
; using r10 as it likes (r10 starts at 0) and r1..r5 as scratch.
;
; It writes every page once (PAGES faults, each a new zero page: OSTEP's
; cold-start misses), then makes REFS loads, one word of page next_page
; each, and prints "REFS references to PAGES pages" and exits 0. The page
; faults and swap-ins beyond the first PAGES are the replacement policy's:
;   illusion run programs/measure/hot-cold.s --frames 64 --policy lru --stats
        .equ WL_SYS_EXIT, 0
        .equ WL_SYS_SBRK, 6

        .text
_start:
        li   r1, WL_SYS_SBRK    ; r6 = base of PAGES pages of heap
        li   r2, PAGES
        shli r2, r2, 12
        syscall
        blt  r1, r0, wl_fail
        mv   r6, r1
        li   r7, 0              ; first touch: write a word of every page
wl_touch:
        shli r3, r7, 12
        add  r3, r6, r3
        sw   r7, 0(r3)
        addi r7, r7, 1
        li   r4, PAGES
        bltu r7, r4, wl_touch

        li   r10, 0             ; next_page's own state
        li   r8, REFS           ; r8 = references left
wl_ref: call next_page
        shli r3, r2, 12         ; load the word of page r2 the touch wrote
        add  r3, r6, r3
        lw   r4, 0(r3)
        bne  r4, r2, wl_fail    ; it must hold its own page number
        addi r8, r8, -1
        bnez r8, wl_ref

        li   r2, REFS
        call putnum
        la   r2, wl_s_refs
        call puts
        li   r2, PAGES
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
