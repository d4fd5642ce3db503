; mem-guard-page.s: touches the guard page under the stack.
;
; The stack is 0x7FF00000..0x7FFFFFFF, its pages made on first touch. The
; page just below it, 0x7FEFF000, is never mapped, so that a stack that
; overflows faults instead of running into whatever lies below. The kernel
; must kill this process with bad_access (load at 0x7feff000) at the lw;
; it never prints.
        .text
_start:
        li   r2, 0x7FEFF000
        lw   r3, 0(r2)                  ; must fault: the guard page is never mapped
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
fail_msg: .ascii "FAIL: mem-guard-page read the guard page\n"
fail_end:
