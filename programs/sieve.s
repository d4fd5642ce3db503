; sieve: the sieve of Eratosthenes over the numbers below 10000.
;
; `composite` is a 10000-byte array in .bss (zero-filled on first touch, three
; pages). For each i from 2 while i*i < 10000 that is still unmarked, every
; multiple of i from i*i on is marked. The unmarked numbers from 2 up are the
; primes: the program counts them, remembers the largest, and checks both
; against the known answers (1229 primes, the largest 9973).
;
; It prints:
;   primes below 10000: 1229
;   largest: 9973
;   PASS: sieve
; and exits 0 (on a wrong answer: "FAIL: sieve", exit 1).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ N, 10000
        .equ EXPECTED_COUNT, 1229
        .equ EXPECTED_LARGEST, 9973

        .text
_start:
        la   r6, composite      ; r6 = the array
        li   r7, N              ; r7 = N
        li   r8, 2              ; r8 = i
outer:  mul  r9, r8, r8         ; r9 = j = i*i; done when i*i >= N
        bge  r9, r7, count
        add  r10, r6, r8        ; skip i if already marked
        lbu  r10, 0(r10)
        bnez r10, next_i
        li   r11, 1
mark:   add  r10, r6, r9        ; composite[j] = 1
        sb   r11, 0(r10)
        add  r9, r9, r8         ; j += i
        blt  r9, r7, mark
next_i: addi r8, r8, 1
        j    outer

count:  li   r8, 2              ; r8 = i, r9 = primes counted, r11 = largest
        li   r9, 0
        li   r11, 0
count_loop:
        add  r10, r6, r8
        lbu  r10, 0(r10)
        bnez r10, count_next
        addi r9, r9, 1
        mv   r11, r8
count_next:
        addi r8, r8, 1
        blt  r8, r7, count_loop

        la   r2, s_count        ; "primes below 10000: COUNT"
        call puts
        mv   r2, r9
        call putnum
        la   r2, s_largest      ; "largest: P"
        call puts
        mv   r2, r11
        call putnum
        la   r2, s_newline
        call puts
        li   r10, EXPECTED_COUNT
        bne  r9, r10, fail
        li   r10, EXPECTED_LARGEST
        bne  r11, r10, fail
        la   r2, s_pass
        call puts
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
fail:   la   r2, s_fail
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

        .data
s_count:    .asciz "primes below 10000: "
s_largest:  .asciz "\nlargest: "
s_newline:  .asciz "\n"
s_pass:     .asciz "PASS: sieve\n"
s_fail:     .asciz "FAIL: sieve\n"

        .bss
composite:  .space N

        .text
        .include "lib/print.s"   ; puts and putnum (line-buffered output)
