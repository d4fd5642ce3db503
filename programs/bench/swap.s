; swap: sweeps round more pages than memory holds, for `npm run bench`
; (swap-outs per second). Run it with few frames, e.g.
;   illusion run programs/bench/swap.s --frames 64
; With the default 1024 frames it fits in memory and nothing swaps; the
; verdict is the same either way.
;
; It takes 256 pages of heap with sbrk and makes 4 passes over them, one
; word a page. Pass k (k = 1..4) checks that the word of page p holds what
; pass k - 1 left there (0 on the first pass: new heap pages are zero), then
; writes (k << 16) + p. With fewer frames than pages every page has been
; evicted, and, being dirty, written to swap, before the sweep comes back to
; it: a swap-in and a swap-out for nearly every access after the first pass.
;
; It prints:
;   PASS: swap
; and exits 0 (on a wrong word: "FAIL: swap", exit 1).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_SBRK, 6
        .equ PAGES, 256
        .equ PASSES, 4
        .equ PAGE_BYTES, 4096
        .equ HEAP_BYTES, 1048576 ; PAGES * PAGE_BYTES

        .text
_start: li   r1, SYS_SBRK       ; r6 = the heap pages
        li   r2, HEAP_BYTES
        syscall
        blt  r1, r0, fail
        mv   r6, r1
        li   r7, 1              ; r7 = k, the pass
pass:   mv   r8, r6             ; r8 = page address, r9 = p
        li   r9, 0
        addi r12, r7, -1        ; r12 = (k - 1) << 16, what pass k - 1 wrote (minus p)
        shli r12, r12, 16
        shli r13, r7, 16        ; r13 = k << 16
page:   lw   r10, 0(r8)         ; expected: 0 on pass 1, else ((k - 1) << 16) + p
        li   r11, 0
        beqz r12, compare
        add  r11, r12, r9
compare:
        bne  r10, r11, fail
        add  r10, r13, r9       ; write (k << 16) + p
        sw   r10, 0(r8)
        addi r8, r8, PAGE_BYTES
        addi r9, r9, 1
        li   r11, PAGES
        bne  r9, r11, page
        addi r7, r7, 1
        li   r11, PASSES
        ble  r7, r11, pass

        la   r3, s_pass
        li   r4, s_pass_end - s_pass
        li   r5, 0
        j    finish
fail:   la   r3, s_fail
        li   r4, s_fail_end - s_fail
        li   r5, 1
finish: li   r1, SYS_WRITE      ; write(1, message, length)
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r5
        syscall

        .data
s_pass: .ascii "PASS: swap\n"
s_pass_end:
s_fail: .ascii "FAIL: swap\n"
s_fail_end:
