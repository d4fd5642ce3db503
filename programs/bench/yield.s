; yield: context switches, for `npm run bench`. Run several copies at once,
; e.g. `illusion run programs/bench/yield.s programs/bench/yield.s ...`,
; with and without --no-asid.
;
; 2000 times, the program adds 1 to one word on each of the 8 pages of
; `area` (a load and a store a page) and then yields, so that every yield
; switches to another process. With ASIDs each process's translations stay
; in the TLB across the switches (4 copies need about 4 * 10 entries, within
; the default 64); with --no-asid the kernel flushes the TLB on every switch
; and each round starts with misses. At the end every word must hold 2000.
;
; Each copy prints:
;   PASS: yield
; and exits 0 (on a wrong word: "FAIL: yield", exit 1).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_YIELD, 7
        .equ ROUNDS, 2000
        .equ PAGES, 8
        .equ PAGE_BYTES, 4096
        .equ AREA_BYTES, 32768  ; PAGES * PAGE_BYTES

        .text
_start: la   r6, area
        li   r7, ROUNDS         ; r7 = rounds left
round:  lw   r9, 0(r6)          ; one word on each page += 1
        addi r9, r9, 1
        sw   r9, 0(r6)
        lw   r9, 4096(r6)
        addi r9, r9, 1
        sw   r9, 4096(r6)
        lw   r9, 8192(r6)
        addi r9, r9, 1
        sw   r9, 8192(r6)
        lw   r9, 12288(r6)
        addi r9, r9, 1
        sw   r9, 12288(r6)
        lw   r9, 16384(r6)
        addi r9, r9, 1
        sw   r9, 16384(r6)
        lw   r9, 20480(r6)
        addi r9, r9, 1
        sw   r9, 20480(r6)
        lw   r9, 24576(r6)
        addi r9, r9, 1
        sw   r9, 24576(r6)
        lw   r9, 28672(r6)
        addi r9, r9, 1
        sw   r9, 28672(r6)
        li   r1, SYS_YIELD
        syscall
        addi r7, r7, -1
        bnez r7, round

        mv   r8, r6             ; every page's word must hold ROUNDS
        li   r10, AREA_BYTES
        add  r10, r6, r10
        li   r11, ROUNDS
check:  lw   r9, 0(r8)
        bne  r9, r11, fail
        addi r8, r8, PAGE_BYTES
        bne  r8, r10, check
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
s_pass: .ascii "PASS: yield\n"
s_pass_end:
s_fail: .ascii "FAIL: yield\n"
s_fail_end:

        .bss
        .align 4096
area:   .space AREA_BYTES
