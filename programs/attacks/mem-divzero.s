; mem-divzero.s: divides by zero.
;
; Division by zero has no sensible result, so div, divu, rem and remu trap
; and the kernel kills the process rather than hand it garbage. The kernel
; must kill this process with divide_by_zero at the div (line 11). The tests
; also run it with the div replaced by divu, rem and remu. It never prints.
        .text
_start:
        li   r2, 7
        li   r3, 0
        div  r4, r2, r3                 ; must trap: division by zero
        j    survived

; Reached only if the kernel let the forbidden access through.
survived:
        li   r1, 1                      ; write(1, fail_msg, len)
        li   r2, 1
        la   r3, fail_msg
        li   r4, fail_end - fail_msg
        syscall
        li   r1, 0                      ; exit(1)
        li   r2, 1
        syscall

        .data
fail_msg: .ascii "FAIL: mem-divzero divided by zero\n"
fail_end:
