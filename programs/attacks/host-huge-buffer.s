; host-huge-buffer.s: write() and read() with a buffer of 1.75 GiB plus one
; byte, 200 times each.
;
; The buffer is a whole mmap region (untouched) and one byte of the unmapped
; gap above it, so every call must fail with EFAULT and do nothing. The
; kernel once checked such a buffer page by page: 458,752 region look-ups
; (about 14 ms) per call, so 2,000 instructions kept the host busy for
; seconds. It now checks region by region. Prints "host-huge-buffer: PASS"
; and exits 0, or "host-huge-buffer: FAIL" and exits 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_READ, 2
        .equ SYS_MMAP, 8
        .equ EFAULT, -14
        .equ RANGE, 0x70000000
        .equ ROUNDS, 200

        .text
_start: li   r1, SYS_MMAP
        li   r2, RANGE
        li   r3, 3
        syscall
        blt  r1, r0, fail
        mv   r8, r1                     ; r8: the region
        li   r11, ROUNDS
again:  li   r1, SYS_WRITE
        li   r2, 1
        mv   r3, r8
        li   r4, RANGE + 1
        syscall
        li   r2, EFAULT
        bne  r1, r2, fail
        li   r1, SYS_READ
        li   r2, 0
        mv   r3, r8
        li   r4, RANGE + 1
        syscall
        li   r2, EFAULT
        bne  r1, r2, fail
        addi r11, r11, -1
        bnez r11, again
        lw   r2, 0(r8)                  ; nothing was read into it
        bnez r2, fail
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
fail:   li   r1, SYS_WRITE
        li   r2, 1
        la   r3, fail_msg
        li   r4, fail_end - fail_msg
        syscall
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

        .data
pass_msg: .ascii "host-huge-buffer: PASS\n"
pass_end:
fail_msg: .ascii "host-huge-buffer: FAIL\n"
fail_end:
