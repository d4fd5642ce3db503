; mem-kernel-jump.s: jumps into the kernel half of the address space.
;
; The kernel half is supervisor-only, so a user fetch from it faults just
; like a load. The kernel must kill this process with bad_access
; (fetch at 0x80001000, pc 0x80001000); it never prints.
        .text
_start:
        li   r2, 0x80001000
        jalr ra, 0(r2)                  ; the fetch at 0x80001000 must fault
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
fail_msg: .ascii "FAIL: mem-kernel-jump ran code in the kernel half\n"
fail_end:
