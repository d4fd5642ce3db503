; mem-mprotect-cow.s: mprotect on pages shared copy-on-write, then fork.
;
; Three mmap pages P0..P2 (P0 and P1 written, P2 never touched) are made
; r-- and shared with child c1 by fork. The parent makes them rw- again and
; writes all three (each store must copy, not write the shared frame), makes
; P1 PROT_NONE and forks c2. c1, after sleeping, must still read 1111 2222
; 0; it makes the pages rw-, writes P0 (a copy) and forks g, which must read
; c1's 5555, makes P0 r--, stores to P1 (a copy) and then to P0: killed
; (protection). c2 reads P0 (aaaa), makes P1 r-- and reads bbbb, writes P0
; (a copy). The parent, after both waits, still reads aaaa bbbb cccc.
; mprotect keeps W off a COW page (kernel/pages.ts reprotectRange), so a
; page made writable while it is shared still faults and is copied.
        .text
_start: li   r1, 8
        li   r2, 12288
        li   r3, 3
        syscall
        mv   r10, r1
        li   r11, 4096
        add  r11, r11, r10      ; P1
        li   r12, 8192
        add  r12, r12, r10      ; P2
        li   r5, 0x1111
        sw   r5, 0(r10)
        li   r5, 0x2222
        sw   r5, 0(r11)
        li   r1, 10
        mv   r2, r10
        li   r3, 12288
        li   r4, 1
        syscall
        mv   r2, r1
        call puthex
        li   r1, 4
        syscall
        beqz r1, c1
        li   r1, 10
        mv   r2, r10
        li   r3, 12288
        li   r4, 3
        syscall
        mv   r2, r1
        call puthex
        li   r5, 0xAAAA
        sw   r5, 0(r10)
        li   r5, 0xBBBB
        sw   r5, 0(r11)
        li   r5, 0xCCCC
        sw   r5, 0(r12)
        li   r1, 10
        mv   r2, r11
        li   r3, 4096
        li   r4, 0
        syscall
        mv   r2, r1
        call puthex
        call putnl
        li   r1, 4
        syscall
        beqz r1, c2
        call waitprint
        call waitprint
        li   r1, 10
        mv   r2, r11
        li   r3, 4096
        li   r4, 3
        syscall
        lw   r2, 0(r10)
        call puthex
        lw   r2, 0(r11)
        call puthex
        lw   r2, 0(r12)
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0
        syscall
c1:     li   r1, 11
        li   r2, 1000
        syscall
        lw   r2, 0(r10)
        call puthex
        lw   r2, 0(r11)
        call puthex
        lw   r2, 0(r12)
        call puthex
        li   r1, 10
        mv   r2, r10
        li   r3, 12288
        li   r4, 3
        syscall
        li   r5, 0x5555
        sw   r5, 0(r10)
        call putnl
        li   r1, 4
        syscall
        beqz r1, g
        call waitprint
        lw   r2, 0(r10)
        call puthex
        lw   r2, 0(r11)
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0x31
        syscall
g:      lw   r2, 0(r10)
        call puthex
        call putnl
        li   r1, 10
        mv   r2, r10
        li   r3, 4096
        li   r4, 1
        syscall
        li   r5, 0x6666
        sw   r5, 0(r11)         ; P1 still rw- in g: a COW copy
        sw   r5, 0(r10)         ; P0 now r--: killed
        li   r1, 0
        li   r2, 0x99
        syscall
c2:     lw   r2, 0(r10)
        call puthex
        li   r1, 10
        mv   r2, r11
        li   r3, 4096
        li   r4, 1
        syscall
        lw   r2, 0(r11)
        call puthex
        li   r5, 0xDDDD
        sw   r5, 0(r10)
        lw   r2, 0(r10)
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0x32
        syscall
waitprint: push ra
        li   r1, 5
        la   r2, status
        syscall
        mv   r2, r1
        call puthex
        la   r2, status
        lw   r2, 0(r2)
        call puthex
        call putnl
        pop  ra
        ret
        .include "lib/hex.s"
        .data
status: .word 0
