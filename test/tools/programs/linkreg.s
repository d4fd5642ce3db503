; linkreg: a leaf called through a register other than ra, for the
; debugger's tests: b keeps its own ra on the stack and calls c with
; jalr r7; c returns through r7 and never touches ra.
        .text
_start: call a
        li   r1, 0
        li   r2, 0
        syscall
a:      addi sp, sp, -4
        sw   ra, 0(sp)
        call b
        lw   ra, 0(sp)
        addi sp, sp, 4
        ret
b:      addi sp, sp, -4
        sw   ra, 0(sp)
        la   r5, c
        jalr r7, r5, 0          ; c(), returning through r7
        lw   ra, 0(sp)
        addi sp, sp, 4
        ret
c:      li   r3, 7
        jalr r0, r7, 0
