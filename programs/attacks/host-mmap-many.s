; host-mmap-many.s: makes 20,000 one-page mmap regions, then punches holes.
;
; Region bookkeeping once cost the host time in proportion to the regions a
; process had, for every mmap (25,000 regions took 16 s). The kernel now keeps
; them in a tree (kernel/regionTree.ts): the host cost per mmap grows with the
; logarithm of the count. The program checks the placement rules as it goes:
;   1. 20,000 mmaps of one page: the i-th lands at 0x7FE00000 - (i+1) pages;
;   2. every second one (i even) is unmapped: 10,000 holes of one page;
;   3. a one-page mmap fills the highest hole (region 0's old page);
;   4. a two-page mmap fits no hole: it goes below the lowest region;
;   5. a word stored in region 1 and in the new two-page region reads back.
; It prints "host-mmap-many: PASS" and exits 0, or "host-mmap-many: FAIL
; step N" and exits N.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_MMAP, 8
        .equ SYS_MUNMAP, 9
        .equ PAGE, 4096
        .equ COUNT, 20000
        .equ TOP, 0x7FE00000
        .equ TWO_PAGES, 8192
        .equ BELOW_ALL, 0x7AFDE000         ; TOP - COUNT pages - 2 pages

        .text
_start:
        ; -- 1. COUNT one-page regions, each right below the one before --
        li   r10, 0                     ; r10: i
        li   r11, TOP                   ; r11: where region i must start (after subtracting)
place:  li   r1, SYS_MMAP
        li   r2, PAGE
        li   r3, 3
        syscall
        addi r11, r11, -PAGE
        li   r12, 1
        bne  r1, r11, fail
        addi r10, r10, 1
        li   r5, COUNT
        bltu r10, r5, place

        ; -- 2. unmap regions 0, 2, 4, ... --
        li   r10, 0
        li   r11, TOP - PAGE            ; region 0
unmap:  li   r1, SYS_MUNMAP
        mv   r2, r11
        li   r3, PAGE
        syscall
        li   r12, 2
        bnez r1, fail
        li   r5, -TWO_PAGES
        add  r11, r11, r5
        addi r10, r10, 2
        li   r5, COUNT
        bltu r10, r5, unmap

        ; -- 3. one page: the highest hole --
        li   r1, SYS_MMAP
        li   r2, PAGE
        li   r3, 3
        syscall
        li   r12, 3
        li   r5, TOP - PAGE
        bne  r1, r5, fail

        ; -- 4. two pages: no hole fits, so below the lowest region --
        li   r1, SYS_MMAP
        li   r2, TWO_PAGES
        li   r3, 3
        syscall
        li   r12, 4
        li   r5, BELOW_ALL
        bne  r1, r5, fail

        ; -- 5. the pages hold what is stored in them --
        li   r6, 0x5eed
        sw   r6, 4(r1)                  ; the new two-page region
        li   r7, TOP - TWO_PAGES        ; region 1, kept
        li   r8, 0xbeef
        sw   r8, 0(r7)
        lw   r9, 4(r1)
        li   r12, 5
        bne  r9, r6, fail
        lw   r9, 0(r7)
        bne  r9, r8, fail

        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

fail:   addi r5, r12, '0'               ; the step, as one digit
        la   r3, fail_step
        sb   r5, 0(r3)
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, fail_msg
        li   r4, fail_end - fail_msg
        syscall
        li   r1, SYS_EXIT
        mv   r2, r12
        syscall

        .data
pass_msg:  .ascii "host-mmap-many: PASS\n"
pass_end:
fail_msg:  .ascii "host-mmap-many: FAIL step "
fail_step: .ascii "?\n"
fail_end:
