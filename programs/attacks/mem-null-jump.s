; mem-null-jump.s: calls a null function pointer.
;
; The jalr itself is fine; the fetch of the instruction at 0x0 is not, because
; the null page is never mapped. The kernel must kill this process with
; bad_access (fetch at 0x00000000, pc 0x00000000); there is no source line for
; pc 0. It never prints.
        .text
_start:
        li   r2, 0                      ; a null function pointer
        jalr ra, 0(r2)                  ; the fetch at 0x0 must fault
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
fail_msg: .ascii "FAIL: mem-null-jump ran code at address 0\n"
fail_end:
