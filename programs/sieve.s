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
; ---- print.s: line-buffered output (copied verbatim from programs/lib/print.s) ----
; puts: appends the zero-terminated string at r2 to the current line; at each
; "\n" (or when 80 bytes are waiting) the line goes out with a single write,
; so lines printed by different processes never mix. putnum: appends r2 as an
; unsigned decimal number. Both use r1..r5 and one word of stack.
puts:   la   r3, line_len
        lw   r4, 0(r3)          ; r4 = where the next byte goes
        la   r3, line
        add  r4, r3, r4
puts_char:
        lbu  r5, 0(r2)
        beqz r5, puts_done
        sb   r5, 0(r4)
        addi r4, r4, 1
        addi r2, r2, 1
        li   r1, '\n'
        beq  r5, r1, puts_flush
        addi r1, r3, 80         ; the line is full: send what we have
        bltu r4, r1, puts_char
puts_flush:
        push r2
        sub  r4, r4, r3         ; write(1, line, length)
        li   r1, 1
        li   r2, 1
        syscall
        pop  r2
        mv   r4, r3             ; the line is empty again
        j    puts_char
puts_done:
        sub  r4, r4, r3
        la   r3, line_len
        sw   r4, 0(r3)
        ret

putnum: la   r3, digits_end     ; digits come out last first: fill backwards
        li   r5, 10
putnum_digit:
        remu r4, r2, r5
        addi r4, r4, '0'
        addi r3, r3, -1
        sb   r4, 0(r3)
        divu r2, r2, r5
        bnez r2, putnum_digit
        mv   r2, r3             ; then print them as a string
        j    puts

        .bss
        .align 4
line_len:   .space 4
line:       .space 80
digits:     .space 10
digits_end: .space 1            ; the zero after the digits
; ---- end of print.s ----
