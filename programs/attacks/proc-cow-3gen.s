; proc-cow-3gen.s: copy-on-write across three generations of fork, with
; munmap and an sbrk shrink between them and swapping on small machines.
;
; gen0 fills 8 mmap pages (M) and 16 heap pages (H), each word 0 and 1023 of
; a page at address a holding v ^ a, forks gen1 and rewrites H. gen1
; rewrites M[0..3], munmaps M[4..5], rewrites H[8..15] and forks gen2. gen2
; rewrites M[6], munmaps M[0..1], sbrk(-4 pages) and forks gen3. gen3
; checks what it inherited, rewrites M[2..3], M[7] and H[0..11], prints its
; count of wrong words, then loads from M[0], which gen2 unmapped before the
; fork: it must die there. Each parent waits, prints its child's status
; and then checks that none of its descendants' writes reached it.
; Output, gen3 first: "00000000", "00000101 00000000" (gen2: gen3 killed,
; 0 wrong), "00000022 00000000", "00000011 00000000"; gen0 exits 0. The
; kill: bad_access at 0x7fdf8000 (unmapped).
; three generations of fork over mmap and heap pages, with munmap and sbrk shrink between
        .equ PG, 4096
        .text
_start: li   r1, 8
        li   r2, 32768
        li   r3, 3
        syscall
        mv   r10, r1            ; M: 8 mmap pages
        li   r1, 6
        li   r2, 65536
        syscall
        mv   r11, r1            ; H: 16 heap pages
        mv   r2, r10
        li   r3, 8
        li   r4, 0x1000
        call fill
        mv   r2, r11
        li   r3, 16
        li   r4, 0x2000
        call fill
        li   r9, 0              ; mismatches
        li   r1, 4
        syscall
        beqz r1, gen1
        ; gen0: rewrite the heap while the child lives
        mv   r2, r11
        li   r3, 16
        li   r4, 0x2100
        call fill
        call waitprint
        mv   r2, r10
        li   r3, 8
        li   r4, 0x1000
        call verify
        add  r9, r9, r1
        mv   r2, r11
        li   r3, 16
        li   r4, 0x2100
        call verify
        add  r9, r9, r1
        mv   r2, r9
        call puthex
        call putnl
        li   r1, 0
        mv   r2, r9
        syscall
gen1:   mv   r2, r10
        li   r3, 8
        li   r4, 0x1000
        call verify
        add  r9, r9, r1
        mv   r2, r11
        li   r3, 16
        li   r4, 0x2000
        call verify
        add  r9, r9, r1
        mv   r2, r10
        li   r3, 4
        li   r4, 0x3000
        call fill
        li   r1, 9
        li   r2, 16384
        add  r2, r2, r10
        li   r3, 8192
        syscall
        add  r9, r9, r1
        li   r2, 32768
        add  r2, r2, r11
        li   r3, 8
        li   r4, 0x3100
        call fill
        li   r1, 4
        syscall
        beqz r1, gen2
        call waitprint
        call g1check
        mv   r2, r9
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0x11
        syscall
g1check: push ra
        mv   r2, r10
        li   r3, 4
        li   r4, 0x3000
        call verify
        add  r9, r9, r1
        li   r2, 24576
        add  r2, r2, r10
        li   r3, 2
        li   r4, 0x1000
        call verify
        add  r9, r9, r1
        mv   r2, r11
        li   r3, 8
        li   r4, 0x2000
        call verify
        add  r9, r9, r1
        li   r2, 32768
        add  r2, r2, r11
        li   r3, 8
        li   r4, 0x3100
        call verify
        add  r9, r9, r1
        pop  ra
        ret
gen2:   call g1check
        li   r2, 24576
        add  r2, r2, r10
        li   r3, 1
        li   r4, 0x4000
        call fill
        li   r1, 9
        mv   r2, r10
        li   r3, 8192
        syscall
        add  r9, r9, r1
        li   r1, 6
        li   r2, -16384
        syscall
        li   r1, 4
        syscall
        beqz r1, gen3
        call waitprint
        call g2check
        mv   r2, r9
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0x22
        syscall
g2check: push ra
        li   r2, 8192
        add  r2, r2, r10
        li   r3, 2
        li   r4, 0x3000
        call verify
        add  r9, r9, r1
        li   r2, 24576
        add  r2, r2, r10
        li   r3, 1
        li   r4, 0x4000
        call verify
        add  r9, r9, r1
        li   r2, 28672
        add  r2, r2, r10
        li   r3, 1
        li   r4, 0x1000
        call verify
        add  r9, r9, r1
        mv   r2, r11
        li   r3, 8
        li   r4, 0x2000
        call verify
        add  r9, r9, r1
        li   r2, 32768
        add  r2, r2, r11
        li   r3, 4
        li   r4, 0x3100
        call verify
        add  r9, r9, r1
        pop  ra
        ret
gen3:   call g2check
        li   r2, 28672
        add  r2, r2, r10
        li   r3, 1
        li   r4, 0x5000
        call fill
        mv   r2, r11
        li   r3, 12
        li   r4, 0x5100
        call fill
        li   r2, 8192
        add  r2, r2, r10
        li   r3, 2
        li   r4, 0x5200
        call fill
        mv   r2, r9
        call puthex
        call putnl
        lw   r1, 0(r10)         ; unmapped by gen2 before the fork: must fault
        li   r1, 0
        li   r2, 0x99
        syscall
; waitprint: wait for the child, print its status
waitprint: push ra
        li   r1, 5
        la   r2, status
        syscall
        la   r2, status
        lw   r2, 0(r2)
        call puthex
        pop  ra
        ret
; fill(r2 base, r3 pages, r4 v): word 0 and 1023 of page at a get v ^ a
fill:   beqz r3, fill_e
        xor  r5, r4, r2
        sw   r5, 0(r2)
        sw   r5, 4092(r2)
        li   r5, PG
        add  r2, r2, r5
        addi r3, r3, -1
        j    fill
fill_e: ret
; verify(r2, r3, r4) -> r1 mismatching words
verify: li   r1, 0
ver_l:  beqz r3, ver_e
        xor  r5, r4, r2
        lw   r6, 0(r2)
        xor  r6, r6, r5
        sltu r6, r0, r6
        add  r1, r1, r6
        lw   r6, 4092(r2)
        xor  r6, r6, r5
        sltu r6, r0, r6
        add  r1, r1, r6
        li   r5, PG
        add  r2, r2, r5
        addi r3, r3, -1
        j    ver_l
ver_e:  ret
        .include "lib/hex.s"
        .data
status: .word 0
