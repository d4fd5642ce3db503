; blk-run-off-page.s: code at the end of an mmap'd r-x page, compiled hot,
; then rewritten so that it runs off the page's end into the unmapped gap.
;
; It writes "three addi; ret" at page offset 0xFE0 of an RW mmap page,
; mprotects it r-x and calls it 100 times (the block engine compiles it,
; docs/engine.md), checking r10 = 300. It then rewrites the last 8 words as
; eight `addi` and no `ret` (RW, store, r-x) and calls it once: the block
; must not be the old one (it would return) nor run past the page, whose
; successor 0x7FE00000 no region holds. The kernel must kill it with
;   bad_access: fetch from 0x7fe00000, which no region holds (never mapped,
;   or unmapped by munmap) (unmapped); pc 0x7fe00000
; with r10 = 308 and the same instruction count under either engine. If it
; returns, it prints "blk-run-off-page: FAIL" and exits 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_MMAP, 8
        .equ SYS_MPROTECT, 10

        .text
_start: li   r1, SYS_MMAP
        li   r2, 4096
        li   r3, 3
        syscall
        blt  r1, r0, fail
        mv   r8, r1                     ; r8: the page
        li   r9, 0x0fe0
        add  r9, r9, r8                 ; r9: the code, 8 words before the end
        la   r2, code_ret
        call copy8
        call rx
        li   r11, 100
hot:    jalr ra, r9, 0
        addi r11, r11, -1
        bnez r11, hot
        li   r2, 300
        bne  r10, r2, fail
        call rw
        la   r2, code_run_on
        call copy8
        call rx
        jalr ra, r9, 0                  ; runs off the end: killed here
        j    fail

copy8:  li   r3, 8                      ; copies 8 words from r2 to r9
        mv   r4, r9
copy_l: lw   r5, 0(r2)
        sw   r5, 0(r4)
        addi r2, r2, 4
        addi r4, r4, 4
        addi r3, r3, -1
        bnez r3, copy_l
        ret
rx:     li   r4, 5
        j    protect
rw:     li   r4, 3
protect:
        li   r1, SYS_MPROTECT
        mv   r2, r8
        li   r3, 4096
        syscall
        bnez r1, fail
        ret
fail:   li   r1, SYS_WRITE
        li   r2, 1
        la   r3, fail_msg
        li   r4, fail_end - fail_msg
        syscall
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

code_ret:                               ; copied, never run here
        addi r10, r10, 1
        addi r10, r10, 1
        addi r10, r10, 1
        ret
        nop
        nop
        nop
        nop
code_run_on:
        addi r10, r10, 1
        addi r10, r10, 1
        addi r10, r10, 1
        addi r10, r10, 1
        addi r10, r10, 1
        addi r10, r10, 1
        addi r10, r10, 1
        addi r10, r10, 1

        .data
fail_msg: .ascii "blk-run-off-page: FAIL\n"
fail_end:
