; sys-wait-straddle.s: wait's status word stored across a page boundary.
;
; SPEC asks only that the status pointer be writable; it does not ask it to
; be aligned, and the kernel stores the four bytes wherever it points
; (little-endian, as a user store of each byte would). Here the word
; straddles two .data pages that are shared copy-on-write with a sleeping
; child, and then two mmap pages whose second is PROT_NONE.
;   1. The parent writes 0x11111111 in the words on both sides of the
;      boundary, forks A (sleeps, then checks both words still hold the
;      marker: exit 0, else 1) and B (exits 0xAB at once).
;   2. wait(boundary - 2) reaps B: the words read 0x00ab1111 and 0x11110000
;      in the parent (both pages' copy-on-write broken for the kernel's
;      stores), and A still sees its markers (its status, reaped last, is 0).
;   3. C exits 0xCD; wait(mmap page 0 + 4094), page 1 PROT_NONE: EFAULT,
;      nothing stored, C not reaped; page 1 made R|W: wait there reaps C.
; It prints the words, in hex, and exits 0.
        .equ SYS_EXIT, 0
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_MMAP, 8
        .equ SYS_MPROTECT, 10
        .equ SYS_SLEEP, 11

        .text
_start:
        li   r5, 0x11111111
        la   r10, boundary
        sw   r5, -4(r10)
        sw   r5, 0(r10)
        li   r1, SYS_FORK
        syscall
        beqz r1, child_a
        li   r1, SYS_FORK
        syscall
        beqz r1, child_b
        li   r1, SYS_WAIT
        addi r2, r10, -2
        syscall
        mv   r2, r1                     ; B's pid: 3
        call puthex
        lw   r2, -4(r10)
        call puthex
        lw   r2, 0(r10)
        call puthex
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        mv   r2, r1                     ; A's pid: 2
        call puthex
        lw   r2, status(r0)
        call puthex
        call putnl

        li   r1, SYS_MMAP
        li   r2, 8192
        li   r3, 3
        syscall
        mv   r11, r1                    ; r11: two R|W pages
        li   r1, SYS_MPROTECT
        addi r2, r11, 4096
        li   r3, 4096
        li   r4, 0                      ; page 1: PROT_NONE
        syscall
        li   r1, SYS_FORK
        syscall
        beqz r1, child_c
        li   r1, SYS_SLEEP
        li   r2, 2                      ; C has ended
        syscall
        li   r1, SYS_WAIT
        addi r2, r11, 4094
        syscall
        mv   r2, r1                     ; EFAULT
        call puthex
        lw   r2, 4092(r11)              ; nothing stored
        call puthex
        li   r1, SYS_MPROTECT
        addi r2, r11, 4096
        li   r3, 4096
        li   r4, 3
        syscall
        li   r1, SYS_WAIT
        addi r2, r11, 4094
        syscall
        mv   r2, r1                     ; C's pid: 4
        call puthex
        lw   r2, 4092(r11)
        call puthex
        lw   r2, 4096(r11)
        call puthex
        call putnl
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

child_a:
        li   r1, SYS_SLEEP
        li   r2, 3
        syscall
        li   r6, 0x11111111
        lw   r5, -4(r10)
        bne  r5, r6, a_bad
        lw   r5, 0(r10)
        bne  r5, r6, a_bad
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
a_bad:  li   r1, SYS_EXIT
        li   r2, 1
        syscall
child_b:
        li   r1, SYS_EXIT
        li   r2, 0xAB
        syscall
child_c:
        li   r1, SYS_EXIT
        li   r2, 0xCD
        syscall

        .include "lib/hex.s"
        .data
status: .word -1
        .align 4096
        .space 4096
boundary:
        .word 0
