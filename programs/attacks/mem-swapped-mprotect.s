; mem-swapped-mprotect.s: mprotect of pages that are out in swap. A page
; that is not present has no PTE rights for the kernel to change in place;
; when it comes back from swap it must come back with the rights mprotect
; gave its region, not the ones it left with.
;
; Four mmap pages M0..M3 are written (0x100 + i), then 60 heap pages are
; dirtied so that, in few frames, M0..M3 go out to swap. Then, each time
; after dirtying the heap again:
;   r--: a child's store to M1 dies; the parent reads all four (swap-in as
;        read-only); a child's store to M2 dies;
;   PROT_NONE: a child's load from M3 dies;
;   --x: a child's load from M0 dies, and write(1, M0, 4) is EFAULT;
;   rw-: the parent writes 0x200 + i and reads it back.
; Prints 00000101 (a child killed: 256 + bad_access), the four words
; 00000100 .. 00000103, 00000101, 00000101, 00000101, fffffff2 (EFAULT),
; then 00000200 .. 00000203, and exits 0. Every configuration gives the same.
        .text
_start: li   r1, 8                  ; mmap(4 pages, R|W)
        li   r2, 16384
        li   r3, 3
        syscall
        mv   r10, r1                ; r10 = M0
        li   r1, 6                  ; sbrk(60 pages)
        li   r2, 245760
        syscall
        mv   r11, r1                ; r11 = the heap pages
        li   r5, 0x100
        call fillm                  ; M[i] = 0x100 + i
        call dirty
        li   r4, 1                  ; r--
        call prot
        li   r6, 4096               ; a child stores to M1
        call tstore
        call dirty
        call showm                  ; 100 101 102 103
        li   r6, 8192               ; a child stores to M2
        call tstore
        call dirty
        li   r4, 0                  ; PROT_NONE
        call prot
        li   r6, 12288              ; a child loads from M3
        call tload
        call dirty
        li   r4, 4                  ; --x
        call prot
        li   r6, 0                  ; a child loads from M0
        call tload
        li   r1, 1                  ; write(1, M0, 4): not readable
        li   r2, 1
        mv   r3, r10
        li   r4, 4
        syscall
        mv   r2, r1
        call puthex
        call dirty
        li   r4, 3                  ; rw-
        call prot
        li   r5, 0x200
        call fillm
        call dirty
        call showm                  ; 200 201 202 203
        call putnl
        li   r1, 0
        li   r2, 0
        syscall

; fillm: M[i] = r5 + i for i = 0..3. Changes r1, r5, r6.
fillm:  mv   r6, r10
        li   r1, 4
fillm_l:
        sw   r5, 0(r6)
        addi r5, r5, 1
        addi r6, r6, 4096
        addi r1, r1, -1
        bnez r1, fillm_l
        ret

; showm: puthex of M[0..3]. Changes r1, r2, r6, r7.
showm:  push ra
        mv   r6, r10
        li   r7, 4
showm_l:
        lw   r2, 0(r6)
        call puthex
        addi r6, r6, 4096
        addi r7, r7, -1
        bnez r7, showm_l
        pop  ra
        ret

; dirty: writes every heap page, pushing older pages out when frames are few. Changes r1, r6.
dirty:  mv   r6, r11
        li   r1, 60
dirty_l:
        sw   r1, 0(r6)
        addi r6, r6, 4096
        addi r1, r1, -1
        bnez r1, dirty_l
        ret

; prot: mprotect(M0, 4 pages, r4). Exits 9 if refused. Changes r1..r3.
prot:   li   r1, 10
        mv   r2, r10
        li   r3, 16384
        syscall
        bnez r1, refused
        ret
refused:
        li   r1, 0
        li   r2, 9
        syscall

; tstore / tload: a child stores to / loads from M0 + r6 and, if it lives,
; exits 0x55; the parent prints the child's status. Changes r1, r2.
tstore: li   r1, 4
        syscall
        bnez r1, twait
        add  r6, r6, r10
        sw   r6, 0(r6)
        li   r1, 0
        li   r2, 0x55
        syscall
tload:  li   r1, 4
        syscall
        bnez r1, twait
        add  r6, r6, r10
        lw   r6, 0(r6)
        li   r1, 0
        li   r2, 0x55
        syscall
twait:  push ra
        li   r1, 5
        la   r2, status
        syscall
        lw   r2, status(r0)
        call puthex
        pop  ra
        ret

        .include "lib/hex.s"
        .data
status: .word 0
