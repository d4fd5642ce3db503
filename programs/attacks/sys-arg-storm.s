; sys-arg-storm.s: every system call with hostile values in every argument register.
;
; System calls 2..10, 12, 13, -1, 0x80000000, 0x7fffffff and 38, each with
; every triple of 0, 2, -1, 0x7fffffff, 0x80000000, 0x7ffff000, 0xfffff000,
; 0x0fff, 0x7fe00000 as r2, r3, r4 (10,935 calls; exit and sleep are left
; out, a forked child exits at once). r5..r9 hold known values and r2, r3 are
; kept in r8, r9: none may change. Prints the count of calls that changed a
; register (00000000) and a fold of every result (depends on the pid), exit 0.
        .text
_start: li   r15, 0              ; hash (in ra's place: no calls until the end)
        li   r14, 0              ; clobbers (sp is free: no stack until the end)
        li   r10, 0              ; i (number)
ni:     li   r11, 0              ; a
ai:     li   r12, 0              ; b
bi:     li   r13, 0              ; c
ci:     la   r9, nums
        shli r8, r10, 2
        add  r9, r9, r8
        lw   r1, 0(r9)
        la   r9, vals
        shli r8, r11, 2
        add  r8, r9, r8
        lw   r2, 0(r8)
        shli r8, r12, 2
        add  r8, r9, r8
        lw   r3, 0(r8)
        shli r8, r13, 2
        add  r8, r9, r8
        lw   r4, 0(r8)
        li   r5, 0x5555aaaa
        li   r6, -7
        li   r7, 0x7fffffff
        mv   r8, r2
        mv   r9, r3
        syscall
        li   r5, 0x5555aaaa
        bne  r5, r5, bad
        xor  r8, r8, r2
        xor  r9, r9, r3
        or   r8, r8, r9
        li   r9, -7
        xor  r9, r9, r6
        or   r8, r8, r9
        li   r9, 0x7fffffff
        xor  r9, r9, r7
        or   r8, r8, r9
        beqz r8, ok
bad:    addi r14, r14, 1
ok:     shli r8, r15, 5
        add  r15, r15, r8
        xor  r15, r15, r1
        ; a forked child exits at once
        la   r9, nums
        shli r8, r10, 2
        add  r9, r9, r8
        lw   r9, 0(r9)
        li   r8, 4
        bne  r9, r8, notfork
        bnez r1, notfork
        li   r1, 0
        li   r2, 0
        syscall
notfork:
        addi r13, r13, 1
        li   r8, 9
        blt  r13, r8, ci
        addi r12, r12, 1
        blt  r12, r8, bi
        addi r11, r11, 1
        blt  r11, r8, ai
        addi r10, r10, 1
        li   r8, 15
        blt  r10, r8, ni
        mv   r2, r14
        mv   r12, r15
        li   sp, 0x80000000
        call puthex
        mv   r2, r12
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0
        syscall
        .include "lib/hex.s"
        .data
nums:   .word 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, -1, 0x80000000, 0x7fffffff, 38
vals:   .word 0, 2, -1, 0x7fffffff, 0x80000000, 0x7ffff000, 0xfffff000, 0x0fff, 0x7fe00000
