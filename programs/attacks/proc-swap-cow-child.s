; proc-swap-cow-child.s: a child writes pages it shares with its parent
; while the parent has pushed them out to swap.
;
; 40 heap pages S are filled and shared by fork; the parent then fills 40
; other mmap pages twice around a short sleep, so on a small machine S's
; shared frames go to swap (one slot each, two sharers). The child checks S,
; rewrites every page (a swap-in of a shared slot, then a copy) and checks
; its own values; the parent, after the wait, checks that S still holds its
; values and its own pages theirs. Prints the child's status and the
; parent's wrong words: 00000000 00000000; the child exits 0.
        .text
_start: li   r1, 6
        li   r2, 163840
        syscall
        mv   r10, r1            ; S: 40 heap pages shared with the child
        li   r1, 8
        li   r2, 163840
        li   r3, 3
        syscall
        mv   r11, r1            ; P: 40 mmap pages only the parent touches
        mv   r2, r10
        li   r3, 40
        li   r4, 0x1000
        call fill
        li   r1, 4
        syscall
        beqz r1, child
        ; the parent pushes S out: with few frames its pages go to swap, shared
        mv   r2, r11
        li   r3, 40
        li   r4, 0x2000
        call fill
        li   r1, 11             ; let the child write while S is out
        li   r2, 3
        syscall
        mv   r2, r11
        li   r3, 40
        li   r4, 0x2000
        call fill
        li   r1, 5
        la   r2, status
        syscall
        mv   r2, r10
        li   r3, 40
        li   r4, 0x1000
        call verify
        mv   r9, r1
        mv   r2, r11
        li   r3, 40
        li   r4, 0x2000
        call verify
        add  r9, r9, r1
        lw   r2, status(r0)
        call puthex
        mv   r2, r9
        call puthex
        call putnl
        li   r1, 0
        mv   r2, r9
        syscall
child:  li   r1, 11
        li   r2, 1
        syscall
        mv   r2, r10
        li   r3, 40
        li   r4, 0x1000
        call verify
        mv   r9, r1
        mv   r2, r10
        li   r3, 40
        li   r4, 0x3000
        call fill
        li   r1, 7
        syscall
        mv   r2, r10
        li   r3, 40
        li   r4, 0x3000
        call verify
        add  r9, r9, r1
        li   r1, 0
        mv   r2, r9
        syscall
fill:   beqz r3, fill_e
        xor  r5, r4, r2
        sw   r5, 0(r2)
        sw   r5, 2048(r2)
        sw   r5, 4092(r2)
        li   r5, 4096
        add  r2, r2, r5
        addi r3, r3, -1
        j    fill
fill_e: ret
verify: li   r1, 0
ver_l:  beqz r3, ver_e
        xor  r5, r4, r2
        lw   r6, 0(r2)
        xor  r6, r6, r5
        sltu r6, r0, r6
        add  r1, r1, r6
        lw   r6, 2048(r2)
        xor  r6, r6, r5
        sltu r6, r0, r6
        add  r1, r1, r6
        lw   r6, 4092(r2)
        xor  r6, r6, r5
        sltu r6, r0, r6
        add  r1, r1, r6
        li   r5, 4096
        add  r2, r2, r5
        addi r3, r3, -1
        j    ver_l
ver_e:  ret
        .include "lib/hex.s"
        .data
status: .word 0
