; mem-stale-soft.s: what a software-refilled TLB entry keeps after mprotect
; and munmap. With --tlb-refill software the kernel writes an entry without
; W until the page's first store (a tlb_modified trap then sets D): that
; trap must not grant a store mprotect has taken away.
;
; A (read only, clean) is made r--; a child's store to it must die. B is
; written (dirty, W in the TLB), made r--: a child's store dies; rw- again,
; written; PROT_NONE: a child's load dies; r-- again reads 43. B is
; munmapped and a new page mapped: it lands on B's address and reads 0. A is
; made rw- and written; a child writes its copy and exits with what it
; reads. Prints, in order: 101 (the first child's status, 257: killed), 42,
; 101, 43, 101, 43, 0 and 0 (the new page's offset from B, and its word), 45
; (the last child's status) and 44 (the parent's own A). Every
; configuration gives the same.
        .text
_start: li   r1, 8
        li   r2, 8192
        li   r3, 3
        syscall
        mv   r10, r1            ; A
        li   r11, 4096
        add  r11, r11, r10      ; B = A + 4096
        lw   r5, 0(r10)         ; A: clean, read only so far
        li   r1, 10
        mv   r2, r10
        li   r3, 4096
        li   r4, 1
        syscall
        li   r1, 4
        syscall
        bnez r1, p1
        li   r5, 0x41
        sw   r5, 0(r10)         ; A is r--: killed
        li   r1, 0
        li   r2, 0x99
        syscall
p1:     call waitprint
        li   r5, 0x42
        sw   r5, 0(r11)         ; B dirty
        li   r1, 10
        mv   r2, r11
        li   r3, 4096
        li   r4, 1
        syscall
        lw   r2, 0(r11)
        call puthex
        li   r1, 4
        syscall
        bnez r1, p2
        sw   r0, 0(r11)         ; B is r--: killed
        li   r1, 0
        li   r2, 0x98
        syscall
p2:     call waitprint
        li   r1, 10
        mv   r2, r11
        li   r3, 4096
        li   r4, 3
        syscall
        li   r5, 0x43
        sw   r5, 0(r11)
        lw   r2, 0(r11)
        call puthex
        ; PROT_NONE: even a load must fault now, in a child
        li   r1, 10
        mv   r2, r11
        li   r3, 4096
        li   r4, 0
        syscall
        li   r1, 4
        syscall
        bnez r1, p3
        lw   r5, 0(r11)
        li   r1, 0
        li   r2, 0x97
        syscall
p3:     call waitprint
        li   r1, 10
        mv   r2, r11
        li   r3, 4096
        li   r4, 1
        syscall
        lw   r2, 0(r11)
        call puthex
        ; munmap B, map a new page: it reads zero wherever it lands
        li   r1, 9
        mv   r2, r11
        li   r3, 4096
        syscall
        li   r1, 8
        li   r2, 4096
        li   r3, 3
        syscall
        mv   r12, r1
        sub  r2, r12, r11
        call puthex
        lw   r2, 0(r12)
        call puthex
        ; A back to RW, a store, and a child that stores too (COW)
        li   r1, 10
        mv   r2, r10
        li   r3, 4096
        li   r4, 3
        syscall
        li   r5, 0x44
        sw   r5, 0(r10)
        li   r1, 4
        syscall
        bnez r1, p4
        li   r5, 0x45
        sw   r5, 0(r10)
        lw   r2, 0(r10)
        li   r1, 0
        syscall
p4:     call waitprint
        lw   r2, 0(r10)
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0
        syscall
waitprint: push ra
        li   r1, 5
        la   r2, status
        syscall
        la   r2, status
        lw   r2, 0(r2)
        call puthex
        pop  ra
        ret
        .include "lib/hex.s"
        .data
status: .word 0
