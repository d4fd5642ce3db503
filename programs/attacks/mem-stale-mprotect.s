; mem-stale-mprotect.s: writes a page after making it read-only (a stale-TLB attack).
;
; It maps a page read-write and writes it, so that a writable translation is
; in the TLB; then mprotect makes the page read-only. Reading must still
; work, but writing must not: the kernel has to drop the old TLB entry when
; it changes the PTE. The kernel must kill this process with bad_access
; (store at 0x7fdff004) at the last sw; it never prints.
        .text
_start:
        li   r1, 8                     ; mmap(4096, R|W) -> 0x7FDFF000
        li   r2, 4096
        li   r3, 3
        syscall
        blt  r1, r0, survived
        mv   r5, r1                     ; r5: the page
        li   r6, 1234
        sw   r6, 0(r5)                  ; the TLB now holds a writable translation
        li   r1, 10                     ; mprotect(page, 4096, R)
        mv   r2, r5
        li   r3, 4096
        li   r4, 1
        syscall
        bnez r1, survived
        lw   r7, 0(r5)                  ; reading is still allowed ...
        bne  r7, r6, survived
        sw   r6, 4(r5)                  ; ... writing must fault
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
fail_msg: .ascii "FAIL: mem-stale-mprotect wrote a read-only page\n"
fail_end:
