; proc-wait-swapped.s: a wait whose status word is on a page swapped out meanwhile.
;
; The parent writes its status word's page, forks and waits; the child
; dirties 40 heap pages (on a small machine the parent's page is swapped
; out) and exits 77. The kernel must bring the page back to store the status:
; the parent prints 0000004d 00005a5a (77 and the page's other word), exit 0.
        .text
_start: li   r1, 6
        li   r2, 4096
        syscall
        mv   r12, r1
        li   r5, 0x5a5a
        sw   r5, 4(r12)
        sw   r5, 0(r12)
        li   r1, 4
        syscall
        beqz r1, child
        li   r1, 5
        mv   r2, r12
        syscall
        lw   r2, 0(r12)
        call puthex
        lw   r2, 4(r12)
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0
        syscall
child:  li   r1, 6
        li   r2, 163840
        syscall
        mv   r3, r1
        li   r4, 40
ch:     sw   r4, 0(r3)
        addi r3, r3, 4096
        addi r4, r4, -1
        bnez r4, ch
        li   r1, 0
        li   r2, 77
        syscall
        .include "lib/hex.s"
