; host-buffer-regions.s: write and read buffers across 65,536 regions.
;
; It maps 65,536 pages R|W and mprotects every second page to R|W again:
; each call splits one page off (pieces of different calls are never
; joined), so the mapping is 65,536 regions, all R|W. Then 2,000 rounds of
; write(1) and read(0) whose buffer is the whole mapping plus the one
; unmapped page above it: each must return EFAULT and do nothing (no byte
; written or read; stdin is empty anyway). A buffer was checked region by
; region, so each call looked up all 65,536 regions before it reached the
; missing page (30 ms a call, and the same at every repeat). Now the mmap
; part of a buffer is checked by one tree query: covered, and every region
; in it allowing the access. Last, a write of the 2 bytes at the end of
; page 65,535 and the start of the gap must also be EFAULT, and a write of
; the last byte alone must work (it is 0: it prints a NUL).
; It prints "host-buffer-regions: PASS" and exits 0, or
; "host-buffer-regions: FAIL step N" and exits N.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_READ, 2
        .equ SYS_MMAP, 8
        .equ SYS_MPROTECT, 10
        .equ EFAULT, -14
        .equ PAGES, 65536
        .equ BYTES, 0x10000000           ; PAGES * 4096
        .equ ROUNDS, 2000

        .text
_start:
        li   r1, SYS_MMAP
        li   r2, BYTES
        li   r3, 3                      ; PROT_R | PROT_W
        syscall
        li   r12, 1
        blt  r1, r0, fail
        mv   r10, r1                    ; r10: base of the mapping
        li   r11, 0                     ; r11: page index
split:  li   r1, SYS_MPROTECT
        shli r2, r11, 12
        add  r2, r2, r10
        li   r3, 4096
        li   r4, 3
        syscall
        li   r12, 2
        bnez r1, fail
        addi r11, r11, 2
        li   r5, PAGES
        bltu r11, r5, split

        li   r9, 0                      ; r9: round
        li   r7, EFAULT
round:  li   r1, SYS_WRITE
        li   r2, 1
        mv   r3, r10
        li   r4, BYTES + 4096           ; one page more than the mapping
        syscall
        li   r12, 3
        bne  r1, r7, fail
        li   r1, SYS_READ
        li   r2, 0
        syscall
        li   r12, 4
        bne  r1, r7, fail
        addi r9, r9, 1
        li   r5, ROUNDS
        bltu r9, r5, round

        li   r1, SYS_WRITE
        li   r2, 1
        li   r3, BYTES - 1
        add  r3, r3, r10                ; the mapping's last byte
        li   r4, 2                      ; and the gap's first
        syscall
        li   r12, 5
        bne  r1, r7, fail
        li   r1, SYS_WRITE
        li   r4, 1
        syscall
        li   r12, 6
        li   r5, 1
        bne  r1, r5, fail
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        li   r12, 0
        j    finish

fail:   la   r3, fail_msg
        li   r4, fail_end - fail_msg
        add  r5, r3, r4
        addi r6, r12, 48
        sb   r6, -2(r5)                 ; the step's digit
finish: li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r12
        syscall

        .data
pass_msg: .ascii "host-buffer-regions: PASS\n"
pass_end:
fail_msg: .ascii "host-buffer-regions: FAIL step ?\n"
fail_end:
