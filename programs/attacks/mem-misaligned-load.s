; mem-misaligned-load.s: loads a word from an odd address.
;
; lw needs a 4-aligned address (lb and lbu take any). The kernel must kill
; this process with misaligned (load at 0x00002001) at the lw; it never
; prints.
        .text
_start:
        la   r2, words
        lbu  r3, 1(r2)                  ; a byte at an odd address is fine
        lw   r3, 1(r2)                  ; a word is not
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
fail_msg: .ascii "FAIL: mem-misaligned-load loaded from an odd address\n"
fail_end:
