; tlb-knee: where does the TLB run out? OSTEP's TLB-measurement homework
; (tlb.c) on this machine: touch one word on each of N pages, round and
; round, time it with rdcycle, and print the cost per access, for every N
; from 1 to 160, so that a chart of pages against cycles shows the knee at
; the page count where the TLB's entries are used up.
;
; For each N the program first touches the N pages once, untimed (each page
; is made on that first touch, and the TLB is warm), then makes 4096 timed
; accesses going round the N pages with a stride of one page, and prints
;   pages N: C.CC cycles per access (T cycles for 4096 accesses)
; C.CC is T / 4096 cut (not rounded) to two decimals. The timed loop is 8
; instructions an access (one cycle each) and has no branch that depends on
; N, so while the N pages fit in the TLB an access costs 8.00 cycles; a page
; that misses costs a two-level walk more, 2 x walk_cycles (40 by default).
; The code is one page and needs a TLB entry of its own, so with a fully
; associative TLB of E entries the cost jumps from 8.00 at N = E - 1 to
; 48.00 at N = E (LRU going round more pages than it holds misses every
; time). With W ways, page p goes to set p mod (E / W): the cost climbs
; from the first N whose pages overflow one set (the code page's set first)
; to 48.00 once every set overflows. T says exactly how many accesses
; missed: (T - 8 * 4096 - 4) / 40 (the 4 are the call, the first li of
; touch, its return and one of the two rdcycles).
;
; Try: illusion run programs/measure/tlb-knee.s --tlb-entries 32 --tlb-ways 32
; or, as a chart with one line per TLB:
;   illusion sweep programs/measure/tlb-knee.s --tlb-entries 16,32,64 --tlb-ways 16,32,64 \
;     --svg knee.svg --plot-output 'pages (?<pages_touched>\d+): (?<cycles_per_access>[\d.]+)'
; 160 pages of heap fit in the default 1024 frames: nothing swaps. It ends
; with "PASS: tlb-knee" (exit 0) when no access cost less than the loop's
; 8 instructions, whatever the TLB.
        .equ SYS_EXIT, 0
        .equ SYS_SBRK, 6
        .equ PAGE_BYTES, 4096
        .equ MAX_PAGES, 160
        .equ ACCESSES, 4096       ; timed accesses for each N
        .equ HEAP_BYTES, 655360   ; MAX_PAGES * PAGE_BYTES
        .equ MIN_CYCLES, 32768    ; ACCESSES * 8, the loop's instructions

        .text
_start:
        li   r1, SYS_SBRK         ; r6 = base of MAX_PAGES pages of heap
        li   r2, HEAP_BYTES
        syscall
        blt  r1, r0, fail
        mv   r6, r1
        li   r12, 1               ; r12 = N
size_loop:
        shli r3, r12, 12          ; r3 = N * 4096, where the offset wraps to 0
        mv   r2, r12              ; warm up: each of the N pages once
        call touch
        li   r2, ACCESSES         ; the timed run
        rdcycle r7
        call touch
        rdcycle r8
        sub  r8, r8, r7           ; r8 = T (an unsigned difference: a wrap of the counter is harmless)
        li   r9, MIN_CYCLES
        bltu r8, r9, fail         ; less than a cycle an instruction: impossible

        la   r2, s_pages          ; "pages N: C.CC cycles per access (T cycles for 4096 accesses)"
        call puts
        mv   r2, r12
        call putnum
        la   r2, s_colon
        call puts
        li   r9, ACCESSES
        divu r2, r8, r9           ; whole cycles per access
        call putnum
        la   r2, s_point
        call puts
        li   r9, ACCESSES         ; two decimals, cut: (T mod 4096) * 100 / 4096
        remu r10, r8, r9
        li   r11, 100
        mul  r10, r10, r11
        divu r10, r10, r9
        li   r11, 10
        bge  r10, r11, two_digits
        la   r2, s_zero           ; 8.05, not 8.5
        call puts
two_digits:
        mv   r2, r10
        call putnum
        la   r2, s_total
        call puts
        mv   r2, r8
        call putnum
        la   r2, s_end
        call puts

        addi r12, r12, 1          ; next N
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

; touch: r2 stores, one a page, round the N pages at r6 (r3 = N * 4096).
; Eight instructions an access whatever N is: the wrap is computed, not
; branched on. Uses r2, r4, r5, r10.
touch:  li   r5, 0                ; r5 = offset into the pages
touch_loop:
        add  r4, r6, r5
        sw   r0, 0(r4)
        addi r5, r5, PAGE_BYTES
        sltu r10, r5, r3          ; r10 = 1 while the offset is inside the N pages
        sub  r10, r0, r10         ; all ones, or 0 to wrap
        and  r5, r5, r10
        addi r2, r2, -1
        bnez r2, touch_loop
        ret

        .data
s_pages:    .asciz "pages "
s_colon:    .asciz ": "
s_point:    .asciz "."
s_zero:     .asciz "0"
s_total:    .asciz " cycles per access ("
s_end:      .asciz " cycles for 4096 accesses)\n"
s_pass:     .asciz "PASS: tlb-knee\n"
s_fail:     .asciz "FAIL: tlb-knee\n"

        .text
        .include "../lib/print.s" ; puts and putnum (line-buffered output)
