; mem-stale-munmap.s: reads a page after unmapping it (a stale-TLB attack).
;
; It maps a page, writes a secret there and reads it back, so that the
; page's translation is now in the TLB; then it unmaps the page and reads it
; again. The kernel frees the frame at munmap (another process may get it
; next), so it must also drop the TLB entry: a stale one would let this
; read someone else's data. The kernel must kill this process with
; bad_access (load at 0x7fdff000) at the second lw; it never prints.
        .text
_start:
        li   r1, 8                     ; mmap(4096, R|W) -> 0x7FDFF000
        li   r2, 4096
        li   r3, 3
        syscall
        blt  r1, r0, survived
        mv   r5, r1                     ; r5: the page
        li   r6, 0x5EC12E7
        sw   r6, 0(r5)                  ; write the secret ...
        lw   r7, 0(r5)                  ; ... and read it: the TLB now holds the page
        bne  r7, r6, survived
        li   r1, 9                      ; munmap(page, 4096)
        mv   r2, r5
        li   r3, 4096
        syscall
        bnez r1, survived
        lw   r7, 0(r5)                  ; must fault: the page is gone
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
fail_msg: .ascii "FAIL: mem-stale-munmap read a page after munmap\n"
fail_end:
