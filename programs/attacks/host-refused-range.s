; host-refused-range.s: refused munmaps and mprotects over 65,536 regions.
;
; It maps 65,536 pages read-only and mprotects every second page to R|W
; (65,536 regions), then makes 2,000 rounds of mprotect(R) and munmap over
; the whole mapping plus the one unmapped page above it. Each must be
; refused with EINVAL and change nothing: a range must be wholly mmap'd.
; The kernel once found that out by looking up the regions one after
; another, all 65,536 of them before the page that is not there: each
; refused call cost the host 30 ms, and repeating it cost the same again
; (nothing changed). Now the tree answers "is [start, end) covered" from
; the bytes its subtrees hold, in O(log n). After every round the program
; stores to page 0 and page 65,534 (still R|W) and loads from page 65,535.
; It prints "host-refused-range: PASS" and exits 0, or
; "host-refused-range: FAIL step N" and exits N.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_MMAP, 8
        .equ SYS_MUNMAP, 9
        .equ SYS_MPROTECT, 10
        .equ EINVAL, -22
        .equ PAGES, 65536
        .equ BYTES, 0x10000000           ; PAGES * 4096
        .equ ROUNDS, 2000

        .text
_start:
        li   r1, SYS_MMAP
        li   r2, BYTES
        li   r3, 1                      ; PROT_R
        syscall
        li   r12, 1
        blt  r1, r0, fail
        mv   r10, r1                    ; r10: base of the mapping
        li   r11, 0                     ; r11: page index
split:  li   r1, SYS_MPROTECT
        shli r2, r11, 12
        add  r2, r2, r10
        li   r3, 4096
        li   r4, 3                      ; PROT_R | PROT_W
        syscall
        li   r12, 2
        bnez r1, fail
        addi r11, r11, 2
        li   r5, PAGES
        bltu r11, r5, split

        li   r9, 0                      ; r9: round
        li   r7, EINVAL
        li   r8, BYTES - 8192
        add  r8, r8, r10                ; r8: page 65,534
round:  li   r1, SYS_MPROTECT
        mv   r2, r10
        li   r3, BYTES + 4096           ; one page more than the mapping
        li   r4, 1
        syscall
        li   r12, 3
        bne  r1, r7, fail
        li   r1, SYS_MUNMAP
        syscall
        li   r12, 4
        bne  r1, r7, fail
        sw   r9, 0(r10)                 ; still R|W: neither call did anything
        sw   r9, 0(r8)
        lw   r5, 4096(r8)               ; page 65,535: still mapped
        addi r9, r9, 1
        li   r5, ROUNDS
        bltu r9, r5, round
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        li   r12, 0
        j    finish

fail:   la   r3, fail_msg
        li   r4, fail_end - fail_msg
        add  r5, r3, r4
        addi r6, r12, 48
        sb   r6, -2(r5)                 ; the step's digit
finish: li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r12
        syscall

        .data
pass_msg: .ascii "host-refused-range: PASS\n"
pass_end:
fail_msg: .ascii "host-refused-range: FAIL step ?\n"
fail_end:
