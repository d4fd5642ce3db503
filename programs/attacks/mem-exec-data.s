; mem-exec-data.s: runs instructions it keeps in .data.
;
; The assembler will put instructions anywhere (they are only words); the
; MMU decides what may run. .data is mapped rw-, never executable, so code
; smuggled in as data (the classic buffer-overflow payload) cannot run.
; The words at "payload" are a valid program: exit(42). The kernel must kill
; this process with bad_access (fetch at 0x00002000, pc 0x00002000, line 28:
; the payload's first line) before it runs; it never prints, never exits 42.
        .text
_start:
        la   r2, payload
        jalr ra, 0(r2)                  ; the fetch from .data must fault
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
payload:                                ; valid instructions, in a data page
        li   r1, 0                      ; exit(42)
        li   r2, 42
        syscall
fail_msg: .ascii "FAIL: mem-exec-data ran code from .data\n"
fail_end:

