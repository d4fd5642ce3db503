; mem-text-write.s: patches its own code.
;
; .text is mapped r-x: a program may run its code but not rewrite it (so a
; bug or an exploit cannot plant new instructions there). This one tries to
; overwrite the "j survived" below with a nop (so that, were the store
; allowed, it would fall through to "survived"). The kernel must kill it with
; bad_access (store at 0x00001010) at the sw; it never prints.
        .text
_start:
        la   r2, patch_me
        li   r3, 0x11000000             ; the word of "nop" (addi r0, r0, 0)
        sw   r3, 0(r2)                  ; must fault: .text is not writable
patch_me:
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
fail_msg: .ascii "FAIL: mem-text-write changed its own code\n"
fail_end:
