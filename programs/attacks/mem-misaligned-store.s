; mem-misaligned-store.s: stores a word at an address that is not 4-aligned.
;
; sw needs a 4-aligned address (sb takes any). The kernel must kill this
; process with misaligned (store at 0x00002002) at the sw; it never prints.
        .text
_start:
        la   r2, words
        li   r3, -1
        sb   r3, 2(r2)                  ; a byte anywhere is fine
        sw   r3, 2(r2)                  ; a word at offset 2 is not
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
words:  .word 0x11223344, 0x55667788
fail_msg: .ascii "FAIL: mem-misaligned-store stored at an unaligned address\n"
fail_end:
