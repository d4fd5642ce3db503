; tlb: measures the TLB from inside a program, the way OSTEP's TLB chapter
; does: touch one word on each of N pages, over and over, and time it with
; rdcycle.
;
; For N = 1, 2, 4, ..., 512 pages of heap (from sbrk) the program first
; touches the N pages once, untimed (so every page is present and the TLB is
; warm), then makes 4096 timed accesses, going round the N pages with a
; stride of 4096 bytes, and prints the cycles per access with two decimals:
;   pages 1: 6.00 cycles per access
;   ...
; The timed loop is 6 instructions an access, so while the N pages fit in
; the TLB an access costs about 6 cycles. Once they do not, every access
; misses, and a miss walks the two-level page table: 2 memory references at
; walk_cycles (20) each, so about 46 cycles. With the default TLB (64 entries,
; 4 ways) the jump comes after 32 pages (at 64 the code's own page takes a
; TLB entry too, so a few data pages miss); try --tlb-entries 16 --tlb-ways 4
; or --tlb-entries 256 --tlb-ways 256 to move it. The sizes stop at 512 pages
; (2 MiB) so that, in the default 1024 frames, nothing swaps.
;
; The numbers depend on the TLB; the verdict does not: every access must have
; cost at least the loop's 6 cycles, then it prints "PASS: tlb" and exits 0.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_SBRK, 6
        .equ PAGE_BYTES, 4096
        .equ MAX_PAGES, 512
        .equ ACCESSES, 4096      ; timed accesses for each size
        .equ HEAP_BYTES, 2097152 ; MAX_PAGES * PAGE_BYTES
        .equ MIN_CYCLES, 24576   ; ACCESSES * 6, the loop's instructions

        .text
_start:
        li   r1, SYS_SBRK       ; r6 = base of MAX_PAGES pages of heap
        li   r2, HEAP_BYTES
        syscall
        blt  r1, r0, fail
        mv   r6, r1
        li   r12, 1             ; r12 = N, the number of pages
size_loop:
        shli r3, r12, 12        ; r3 = mask = N * 4096 - 1 (N is a power of two)
        addi r3, r3, -1
        mv   r2, r12            ; warm up: touch each of the N pages once
        call touch
        li   r2, ACCESSES       ; the timed run
        rdcycle r7
        call touch
        rdcycle r8
        sub  r8, r8, r7         ; r8 = cycles (unsigned difference, so a wrap of the counter is harmless)
        li   r9, MIN_CYCLES
        bltu r8, r9, fail       ; less than one cycle an instruction: impossible

        la   r2, s_pages        ; "pages N: W.FF cycles per access"
        call puts
        mv   r2, r12
        call putnum
        la   r2, s_colon
        call puts
        li   r9, ACCESSES
        divu r2, r8, r9         ; whole cycles per access
        call putnum
        la   r2, s_point
        call puts
        li   r9, ACCESSES       ; two decimals: (cycles mod ACCESSES) * 100 / ACCESSES
        remu r10, r8, r9
        li   r11, 100
        mul  r10, r10, r11
        divu r10, r10, r9
        li   r11, 10
        bge  r10, r11, two_digits
        la   r2, s_zero         ; a leading zero: 6.05, not 6.5
        call puts
two_digits:
        mv   r2, r10
        call putnum
        la   r2, s_per_access
        call puts

        shli r12, r12, 1        ; next size
        li   r9, MAX_PAGES
        bleu r12, r9, size_loop

        la   r2, s_pass
        call puts
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
fail:   la   r2, s_fail
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

; touch: r2 stores, one a page, going round the pages at r6 (r3 = mask of
; the region's size). Six instructions an access. Uses r2, r4, r5.
touch:  li   r5, 0              ; r5 = offset into the region
touch_loop:
        add  r4, r6, r5
        sw   r0, 0(r4)
        addi r5, r5, PAGE_BYTES
        and  r5, r5, r3         ; wrap round after N pages
        addi r2, r2, -1
        bnez r2, touch_loop
        ret

        .data
s_pages:    .asciz "pages "
s_colon:    .asciz ": "
s_point:    .asciz "."
s_zero:     .asciz "0"
s_per_access: .asciz " cycles per access\n"
s_pass:     .asciz "PASS: tlb\n"
s_fail:     .asciz "FAIL: tlb\n"

        .bss

        .text
        .include "lib/print.s"   ; puts and putnum (line-buffered output)
