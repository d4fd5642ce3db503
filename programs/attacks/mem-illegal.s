; mem-illegal.s: runs a word that is no instruction.
;
; The all-zero word is illegal on purpose, so that running into zeroed
; memory (or padding) stops a program at once. So is a word whose opcode is
; unassigned, or whose must-be-zero bits are not zero. The kernel must kill
; this process with illegal_instruction at the .word (line 12). The tests
; also run it with the word replaced by 0xFF000000 (opcode FF is unassigned)
; and 0x01000001 (an add with its low bits set). It never prints.
        .text
_start:
        nop
        .word 0x00000000                ; must trap: not an instruction
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
fail_msg: .ascii "FAIL: mem-illegal ran an illegal instruction\n"
fail_end:
