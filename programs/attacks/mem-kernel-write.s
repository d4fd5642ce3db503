; mem-kernel-write.s: writes into the kernel half of the address space.
;
; 0x80000000 + paddr maps physical memory, supervisor-only. A user store
; there could rewrite page tables (the kernel's first frames) or another
; process's pages. The kernel must kill this process with bad_access
; (store at 0x80001000) at the sw; it never prints.
        .text
_start:
        li   r2, 0x80001000             ; physical frame 1, through the kernel half
        li   r3, -1
        sw   r3, 0(r2)                  ; must fault: U=0
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
fail_msg: .ascii "FAIL: mem-kernel-write wrote kernel memory\n"
fail_end:
