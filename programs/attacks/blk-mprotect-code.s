; blk-mprotect-code.s: a compiled function whose page loses X.
;
; A function copied into an mmap page and made r-x is called 50 times
; (compiled); the page is then mprotect'ed to r-- and called once more. The
; fetch must fault although a block is still kept for the frame:
;   bad_access: fetch from 0x7fdff000 in mmap, which is r--: an mmap page runs
;   as code only when mapped with PROT_X (4) and without PROT_W (protection);
;   pc 0x7fdff000
; Exit 1 (FAIL) if the call returned.
        .text
_start: li   r1, 8
        li   r2, 4096
        li   r3, 3
        syscall
        mv   r12, r1
        la   r5, code
        lw   r6, 0(r5)
        sw   r6, 0(r12)
        lw   r6, 4(r5)
        sw   r6, 4(r12)
        li   r1, 10
        mv   r2, r12
        li   r3, 4096
        li   r4, 5
        syscall
        li   r11, 0
hot:    jalr ra, r12, 0
        addi r11, r11, 1
        li   r7, 50
        blt  r11, r7, hot
        li   r1, 10
        mv   r2, r12
        li   r3, 4096
        li   r4, 1
        syscall
        jalr ra, r12, 0
        li   r1, 0
        li   r2, 1
        syscall
code:   addi r10, r10, 1
        ret
