; calls: nested calls for the debugger's next, finish and bt.
; sum_squares(3, 4) = square(3) + square(4), each square through times;
; exits with the sum, 25.
        .equ SYS_EXIT, 0
        .text
_start:
        li   r2, 3
        li   r3, 4
        call sum_squares
        mv   r2, r1             ; exit(25)
        li   r1, SYS_EXIT
        syscall

; sum_squares(a in r2, b in r3) -> r1 = a*a + b*b
sum_squares:
        addi sp, sp, -8
        sw   ra, 0(sp)
        sw   r3, 4(sp)
        call square             ; r1 = a*a
        mv   r6, r1
        lw   r2, 4(sp)
        call square             ; r1 = b*b
        add  r1, r1, r6
        lw   ra, 0(sp)
        addi sp, sp, 8
        ret

; square(x in r2) -> r1 = x*x
square:
        addi sp, sp, -4
        sw   ra, 0(sp)
        mv   r3, r2
        call times
        lw   ra, 0(sp)
        addi sp, sp, 4
        ret

; times(x in r2, y in r3) -> r1 = x*y
times:
        mul  r1, r2, r3
        ret
