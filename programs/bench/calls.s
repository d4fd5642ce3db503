; calls: recursive Fibonacci, for `npm run bench` (guest MIPS of code that
; is mostly calls and returns: short blocks, a stack frame per call).
;
; fib(n) = n for n < 2, else fib(n-1) + fib(n-2), each call saving ra and its
; argument on the stack. fib(25) makes 242,785 calls, 2,427,865
; instructions in all. Then it checks the answer, 75025.
;
; It prints:
;   PASS: calls
; and exits 0 (on a wrong answer: "FAIL: calls", exit 1).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ N, 25
        .equ EXPECTED, 75025

        .text
_start: li   r2, N
        call fib
        li   r3, EXPECTED
        bne  r1, r3, fail
        la   r2, pass
        li   r3, 12             ; "PASS: calls\n"
        j    report
fail:   la   r2, failed
        li   r3, 12             ; "FAIL: calls\n"
report: mv   r10, r1            ; keep the answer
        li   r1, SYS_WRITE
        mv   r4, r3
        mv   r3, r2
        li   r2, 1              ; stdout
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        li   r3, EXPECTED
        beq  r10, r3, done
        li   r2, 1
done:   syscall

; fib(r2) -> r1; uses r3; keeps sp.
fib:    li   r3, 2
        blt  r2, r3, small
        addi sp, sp, -12
        sw   ra, 0(sp)
        sw   r2, 4(sp)
        addi r2, r2, -1
        call fib                ; fib(n-1)
        sw   r1, 8(sp)
        lw   r2, 4(sp)
        addi r2, r2, -2
        call fib                ; fib(n-2)
        lw   r3, 8(sp)
        add  r1, r1, r3
        lw   ra, 0(sp)
        addi sp, sp, 12
        ret
small:  mv   r1, r2
        ret

        .data
pass:   .ascii "PASS: calls\n"
failed: .ascii "FAIL: calls\n"
