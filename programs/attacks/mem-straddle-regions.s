; mem-straddle-regions.s: mprotect and munmap over two adjacent mmap regions.
;
; A (3 pages, R|W) is mapped first, B (3 pages, R) just below it. Each
; call's result and each probe's outcome is printed as 8 hex digits; a
; probe forks a child that touches one address, and prints the child's
; wait status (0: the access worked; 0x101: killed bad_access):
;   mprotect [B+2p, A+1p) R|W, across the two regions       0
;   store to B+2p (made writable)                          0
;   store to B+1p (still r--)                              0x101 (protection)
;   load from A                                            0
;   munmap [B+1p, A+1p), across the two regions            0
;   load from B; from B+2p; from A+2p; from A              0, 0x101, 0, 0x101
;   mprotect [B, B+6p) over the hole                       EINVAL (-22)
;   mmap 3 pages: placed in the hole, at B+1p (offset)     0x1000
;   load from it                                           0
; Output: "00000000 00000000 00000101 00000000 00000000 00000000 00000101
; 00000000 00000101 ffffffea 00001000 00000000", exit 0 (1 if A and B are
; not adjacent). The kill lines name the children: pid 3 store to
; 0x7fdfb000 in mmap, which is r-- (protection); pids 6 and 8 load from
; 0x7fdfc000 and 0x7fdfd000, which no region holds (unmapped).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_MMAP, 8
        .equ SYS_MUNMAP, 9
        .equ SYS_MPROTECT, 10

        .text
_start: li   r1, SYS_MMAP
        li   r2, 12288
        li   r3, 3                      ; R|W
        syscall
        mv   r12, r1                    ; r12: A
        li   r1, SYS_MMAP
        li   r2, 12288
        li   r3, 1                      ; R
        syscall
        mv   r13, r1                    ; r13: B
        addi r5, r13, 12288
        bne  r5, r12, fail              ; B ends where A starts
        li   r1, SYS_MPROTECT
        addi r2, r12, -4096
        li   r3, 8192
        li   r4, 3
        syscall
        call puthex
        addi r6, r12, -4096
        call pstore
        addi r6, r12, -8192
        call pstore
        mv   r6, r12
        call pload
        li   r1, SYS_MUNMAP
        addi r2, r12, -8192
        li   r3, 12288
        syscall
        call puthex
        mv   r6, r13
        call pload
        addi r6, r12, -4096
        call pload
        addi r6, r12, 8192
        call pload
        mv   r6, r12
        call pload
        li   r1, SYS_MPROTECT
        mv   r2, r13
        li   r3, 24576
        li   r4, 1
        syscall
        call puthex
        li   r1, SYS_MMAP
        li   r2, 12288
        li   r3, 3
        syscall
        mv   r6, r1
        sub  r1, r1, r13
        call puthex
        call pload
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, newline
        li   r4, 1
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
fail:   li   r1, SYS_EXIT
        li   r2, 1
        syscall

; pstore/pload: fork; the child stores to or loads from r6 and exits 0; the parent prints its status
pstore: li   r7, 1
        j    probe
pload:  li   r7, 0
probe:  push ra
        li   r1, SYS_FORK
        syscall
        bnez r1, reap
        beqz r7, load
        sw   r7, 0(r6)
        j    cexit
load:   lw   r7, 0(r6)
cexit:  li   r1, SYS_EXIT
        li   r2, 0
        syscall
reap:   li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r1, status(r0)
        call puthex
        pop  ra
        ret

; puthex: prints r1 as 8 hex digits and a space; changes r1..r5 and r8
puthex: la   r5, hexbuf
        li   r4, 8
ph:     shri r3, r1, 28
        la   r8, digits
        add  r8, r8, r3
        lbu  r3, 0(r8)
        sb   r3, 0(r5)
        addi r5, r5, 1
        shli r1, r1, 4
        addi r4, r4, -1
        bnez r4, ph
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, hexbuf
        li   r4, 9
        syscall
        ret

        .data
status: .word 0
digits: .ascii "0123456789abcdef"
hexbuf: .ascii "........ "
newline: .ascii "\n"
