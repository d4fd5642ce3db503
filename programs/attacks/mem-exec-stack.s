; mem-exec-stack.s: writes instructions onto its stack and jumps there.
;
; The stack is mapped rw-, never executable, so a payload written into a
; stack buffer cannot run. This copies the three words of "exit(42)" onto the
; stack (the stores succeed: the stack is writable) and jumps to them. The
; kernel must kill it with bad_access (fetch at 0x7ffffff4, pc 0x7ffffff4);
; there is no source line for a stack address. It never prints, never exits 42.
        .text
_start:
        la   r2, payload               ; copy 3 words from payload to the stack
        addi sp, sp, -12
        lw   r3, 0(r2)
        sw   r3, 0(sp)
        lw   r3, 4(r2)
        sw   r3, 4(sp)
        lw   r3, 8(r2)
        sw   r3, 8(sp)
        jalr ra, 0(sp)                  ; the fetch from the stack must fault
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
payload:                                ; valid instructions: exit(42)
        li   r1, 0
        li   r2, 42
        syscall
fail_msg: .ascii "FAIL: mem-exec-stack ran code from its stack\n"
fail_end:

