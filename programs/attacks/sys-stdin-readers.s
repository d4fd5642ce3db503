; sys-stdin-readers.s: four processes read one stdin in reads of different sizes.
;
; Forks twice (four processes); each reads stdin until its end in reads of
; 65536, 1, 7 or 4096 bytes (by pid mod 4), yielding after each, and folds
; what it got. A read never splits or repeats a byte between readers: each
; prints its pid, its read count, its byte count and its fold; the byte
; counts add up to the input's length; all are reaped; exit 0.
        .text
_start: li   r1, 4
        syscall
        li   r1, 4
        syscall
        li   r1, 3
        syscall
        mv   r13, r1
        andi r12, r13, 3
        la   r8, sizes
        shli r12, r12, 2
        add  r8, r8, r12
        lw   r12, 0(r8)         ; my read size
        li   r9, 0              ; reads
        li   r10, 0             ; bytes
        li   r11, 0             ; checksum
again:  li   r1, 2
        li   r2, 0
        la   r3, buf
        mv   r4, r12
        syscall
        blt  r1, r0, fail
        beqz r1, done
        addi r9, r9, 1
        add  r10, r10, r1
        la   r3, buf
        add  r4, r3, r1
sum:    lbu  r5, 0(r3)
        shli r6, r11, 1
        add  r11, r6, r5
        addi r3, r3, 1
        bltu r3, r4, sum
        li   r1, 7
        syscall
        j    again
done:   mv   r2, r13
        call puthex
        mv   r2, r9
        call puthex
        mv   r2, r10
        call puthex
        mv   r2, r11
        call puthex
        call putnl
reap:   li   r1, 5
        li   r2, 0
        syscall
        bge  r1, r0, reap
        li   r1, 0
        li   r2, 0
        syscall
fail:   li   r1, 0
        li   r2, 99
        syscall
        .include "lib/hex.s"
        .data
sizes:  .word 65536, 1, 7, 4096
        .bss
buf:    .space 65536
