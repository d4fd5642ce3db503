; mem-table-boundary.s: munmap exactly one page table's span, then touch it.
;
; An mmap region of 0x201000 bytes lands at 0x7FBFF000: one page below the
; 4 MiB boundary 0x7FC00000 and the whole span of the next second-level
; table (0x7FC00000-0x7FDFFFFF). The attack writes the page below the
; boundary, the first and the last page of the table's span (so they are in
; the TLB), then munmaps exactly [0x7FC00000, 0x7FE00000): the kernel
; clears those PTEs and frees the table they leave empty. A new mmap page
; may get the freed table's frame: it must read as zero. The page below
; the boundary (another table) keeps its value. Then it loads from
; 0x7FC00000, whose table is gone, and must be killed:
;   bad_access: load from 0x7fc00000, which no region holds (never mapped,
;   or unmapped by munmap) (unmapped); pc 0x00001094, mem-table-boundary.s:54
; It prints "mem-table-boundary: kept the page below" before that load;
; every other way out prints a FAIL line and exits 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_MMAP, 8
        .equ SYS_MUNMAP, 9

        .text
_start: li   r1, SYS_MMAP
        li   r2, 0x201000
        li   r3, 3                      ; R|W
        syscall
        li   r5, 0x7fbff000
        bne  r1, r5, fail               ; placed top-down from 0x7FE00000
        li   r6, 0x7fc00000
        li   r7, 0x1234
        sw   r7, 0(r5)                  ; below the boundary
        sw   r7, 0(r6)                  ; the table's first page
        li   r9, 0x7fdffffc
        sw   r7, 0(r9)                  ; its last word
        lw   r8, 0(r6)
        li   r1, SYS_MUNMAP             ; the whole table's span
        mv   r2, r6
        li   r3, 0x200000
        syscall
        bnez r1, fail
        li   r1, SYS_MMAP               ; may get the freed table's frame
        li   r2, 4096
        li   r3, 3
        syscall
        mv   r9, r1
        lw   r8, 0(r9)
        bnez r8, fail                   ; zero-filled, not a page table
        lw   r8, 0(r5)
        bne  r8, r7, fail               ; the page below kept its value
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, kept
        li   r4, kept_end - kept
        syscall
        lw   r8, 0(r6)                  ; the table is gone: killed here
        la   r3, survived
        li   r4, survived_end - survived
        j    out
fail:   la   r3, failed
        li   r4, failed_end - failed
out:    li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

        .data
kept:   .ascii "mem-table-boundary: kept the page below\n"
kept_end:
survived: .ascii "FAIL: mem-table-boundary: read a page after its table was freed\n"
survived_end:
failed: .ascii "FAIL: mem-table-boundary: wrong placement or contents\n"
failed_end:
