; mem-table-churn.s: map, touch and unmap the same range 3,000 times.
;
; Each round mmaps 3 pages, writes and reads back each, and munmaps them:
; the pages' frames and the page table the round made must all come back.
; Run in 14 frames with no swap (--frames 14 --swap-pages 0): one frame
; lost per round (a page, or the table munmap frees when it leaves it
; empty) and the machine runs out within a few rounds, killing the
; attacker out_of_memory. Also run beside the bystander elsewhere. Prints
; "mem-table-churn: PASS" and exits 0, or a FAIL line and exits 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_MMAP, 8
        .equ SYS_MUNMAP, 9
        .equ ROUNDS, 3000

        .text
_start: li   r10, ROUNDS
round:  li   r1, SYS_MMAP
        li   r2, 12288
        li   r3, 3                      ; R|W
        syscall
        blt  r1, r0, fail
        mv   r5, r1
        lw   r6, 0(r5)
        bnez r6, fail                   ; fresh pages read zero
        sw   r10, 0(r5)
        sw   r10, 4096(r5)
        sw   r10, 8192(r5)
        lw   r6, 8192(r5)
        bne  r6, r10, fail
        li   r1, SYS_MUNMAP
        mv   r2, r5
        li   r3, 12288
        syscall
        bnez r1, fail
        addi r10, r10, -1
        bnez r10, round
        la   r3, pass
        li   r4, pass_end - pass
        li   r6, 0
        j    out
fail:   la   r3, failed
        li   r4, failed_end - failed
        li   r6, 1
out:    li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r6
        syscall

        .data
pass:   .ascii "mem-table-churn: PASS\n"
pass_end:
failed: .ascii "mem-table-churn: FAIL\n"
failed_end:
