; regloop: a register-only loop, for `npm run bench` (guest MIPS of pure
; instruction dispatch: no load or store, only instruction fetches).
;
; It runs the xorshift32 generator (x ^= x << 13; x ^= x >> 17; x ^= x << 5)
; 2,000,000 times from x = 1, adding every x into a sum: 9 instructions an
; iteration, 18 million in all. Then it checks x and the sum against the
; values the same loop gives in JavaScript (bench/baseline.ts).
;
; It prints:
;   PASS: regloop
; and exits 0 (on a wrong answer: "FAIL: regloop", exit 1).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ ITERATIONS, 2000000
        .equ EXPECTED_X, 0xe15fe735
        .equ EXPECTED_SUM, 0x95032357

        .text
_start: li   r6, ITERATIONS     ; r6 = iterations left
        li   r7, 1              ; r7 = x
        li   r8, 0              ; r8 = sum
loop:   shli r9, r7, 13         ; x ^= x << 13
        xor  r7, r7, r9
        shri r9, r7, 17         ; x ^= x >> 17 (logical)
        xor  r7, r7, r9
        shli r9, r7, 5          ; x ^= x << 5
        xor  r7, r7, r9
        add  r8, r8, r7         ; sum += x
        addi r6, r6, -1
        bnez r6, loop

        li   r9, EXPECTED_X
        bne  r7, r9, fail
        li   r9, EXPECTED_SUM
        bne  r8, r9, fail
        la   r3, s_pass
        li   r4, s_pass_end - s_pass
        li   r5, 0
        j    finish
fail:   la   r3, s_fail
        li   r4, s_fail_end - s_fail
        li   r5, 1
finish: li   r1, SYS_WRITE      ; write(1, message, length)
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r5
        syscall

        .data
s_pass: .ascii "PASS: regloop\n"
s_pass_end:
s_fail: .ascii "FAIL: regloop\n"
s_fail_end:
