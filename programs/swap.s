; swap: uses more memory than the machine has, so the kernel must swap.
;
; It grows the heap by 600 pages (2.4 MiB) with sbrk, writes a pattern into
; every page (16 words a page, each word holding its own address XOR
; 0x5A5A5A5A, so every word of every page is different), then reads every
; word back and checks it.
;
; Run it with a small memory to see it swap:
;   illusion run programs/swap.s --frames 128 --stats
; 128 frames cannot hold 600 pages, so while writing, the page-replacement
; policy (--policy fifo, clock, lru or random) evicts pages to the swap
; device, and while reading they come back (swap_ins and swap_outs in the
; statistics). With the default 1024 frames it passes too, without swapping.
;
; It prints:
;   wrote 600 pages
;   verified 600 pages
;   PASS: swap
; and exits 0 (a wrong word: "FAIL: swap: wrong value in page N", exit 1).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_SBRK, 6
        .equ PAGES, 600
        .equ HEAP_BYTES, 2457600 ; PAGES * 4096
        .equ STRIDE, 256         ; bytes between the words written: 16 a page
        .equ PATTERN, 0x5A5A5A5A

        .text
_start:
        li   r1, SYS_SBRK       ; r6 = start of the region, r7 = its end
        li   r2, HEAP_BYTES
        syscall
        blt  r1, r0, fail
        mv   r6, r1
        li   r7, HEAP_BYTES
        add  r7, r6, r7
        li   r9, PATTERN

        mv   r8, r6             ; write pass: *p = p ^ PATTERN
write:  xor  r10, r8, r9
        sw   r10, 0(r8)
        addi r8, r8, STRIDE
        bltu r8, r7, write
        la   r2, s_wrote
        call puts

        mv   r8, r6             ; read pass: check *p == p ^ PATTERN
read:   lw   r10, 0(r8)
        xor  r11, r8, r9
        bne  r10, r11, wrong
        addi r8, r8, STRIDE
        bltu r8, r7, read
        la   r2, s_verified
        call puts
        la   r2, s_pass
        call puts
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

wrong:  la   r2, s_wrong        ; "FAIL: swap: wrong value in page N"
        call puts
        sub  r2, r8, r6
        shri r2, r2, 12
        call putnum
        la   r2, s_newline
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall
fail:   la   r2, s_fail
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

        .data
s_wrote:    .asciz "wrote 600 pages\n"
s_verified: .asciz "verified 600 pages\n"
s_pass:     .asciz "PASS: swap\n"
s_fail:     .asciz "FAIL: swap: sbrk failed\n"
s_wrong:    .asciz "FAIL: swap: wrong value in page "
s_newline:  .asciz "\n"

        .bss

        .text
        .include "lib/print.s"   ; puts and putnum (line-buffered output)
