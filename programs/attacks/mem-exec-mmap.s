; mem-exec-mmap.s: writes instructions into an mmap'd RW page and jumps there.
;
; mmap(4096, R|W) gives a readable, writable page that is not executable.
; This copies the three words of "exit(42)" into it (the stores succeed) and
; jumps there. mmap places regions top-down below 0x7FE00000, so the page is
; 0x7FDFF000. The kernel must kill it with bad_access (fetch at 0x7fdff000,
; pc 0x7fdff000); it never prints, never exits 42. (mem-wx-policy.s shows
; the legal way: mprotect the page to R|X once it is written.)
        .text
_start:
        li   r1, 8                     ; mmap(4096, R|W)
        li   r2, 4096
        li   r3, 3
        syscall
        blt  r1, r0, survived           ; (the mmap itself must work)
        mv   r5, r1                     ; r5: the new page
        la   r2, payload
        lw   r3, 0(r2)
        sw   r3, 0(r5)
        lw   r3, 4(r2)
        sw   r3, 4(r5)
        lw   r3, 8(r2)
        sw   r3, 8(r5)
        jalr ra, 0(r5)                  ; the fetch from a RW page must fault
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
fail_msg: .ascii "FAIL: mem-exec-mmap ran code from a writable page\n"
fail_end:

