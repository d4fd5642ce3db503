; mem-misaligned-jump.s: jumps to an address that is not 4-aligned.
;
; Every instruction is a 4-aligned word, so a jalr target that is not
; 4-aligned traps at the jalr itself (pc = the jalr, access fetch, address =
; the target). The kernel must kill this process with misaligned
; (fetch at 0x00001012) at the jalr; it never prints.
        .text
_start:
        la   r2, target
        jalr ra, 2(r2)                  ; half-way into "target": must trap here
        j    survived
target: j    survived

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
fail_msg: .ascii "FAIL: mem-misaligned-jump ran from an unaligned address\n"
fail_end:
