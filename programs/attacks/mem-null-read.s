; mem-null-read.s: reads the word at address 0, the null pointer.
;
; The page at 0x0..0xFFF is never mapped, so that a null pointer faults
; instead of reading whatever happens to be there. The kernel must kill this
; process with bad_access (load at 0x00000000) at the lw; it never prints.
        .text
_start:
        li   r2, 0                      ; a null pointer
        lw   r3, 0(r2)                  ; must fault: the null page is never mapped
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
fail_msg: .ascii "FAIL: mem-null-read read the null page\n"
fail_end:
