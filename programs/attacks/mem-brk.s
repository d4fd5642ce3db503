; mem-brk.s: stops at a breakpoint with no debugger attached.
;
; brk traps to the kernel. With no debugger there is nobody to hand the
; trap to, so the kernel must kill this process with breakpoint at the brk
; (line 8). It never prints.
        .text
_start:
        brk                             ; must trap: breakpoint
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
fail_msg: .ascii "FAIL: mem-brk went on past a breakpoint\n"
fail_end:
