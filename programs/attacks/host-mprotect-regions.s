; host-mprotect-regions.s: mprotect over 65,536 regions, 2,000 times.
;
; It maps 65,536 pages read-only and mprotects every second page to R|W,
; which splits the mapping into 65,536 regions. Then 2,000 rounds of
; mprotect of the whole mapping, alternately to R|W and to R, each followed
; by a store to page 1 (once read-only) or a load from page 65,535. An
; mprotect once left each page of its range a region of its own, so every
; one of these calls cost the host time in proportion to 65,536 regions
; (0.3 s a call, for five instructions). Now the pieces an mprotect leaves
; side by side with the same rights are joined into one region, so the
; first whole-range call makes one region and the others cost O(log n).
; Last, a child stores to page 0 of the read-only mapping and must die.
; The parent prints "host-mprotect-regions: PASS" and exits 0, or
; "host-mprotect-regions: FAIL step N" and exits N.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_MMAP, 8
        .equ SYS_MPROTECT, 10
        .equ PAGES, 65536
        .equ BYTES, 0x10000000           ; PAGES * 4096
        .equ ROUNDS, 2000

        .text
_start:
        li   r1, SYS_MMAP
        li   r2, BYTES
        li   r3, 1                      ; PROT_R
        syscall
        li   r12, 1
        blt  r1, r0, fail
        mv   r10, r1                    ; r10: base of the mapping
        li   r11, 0                     ; r11: page index
split:  li   r1, SYS_MPROTECT
        shli r2, r11, 12
        add  r2, r2, r10
        li   r3, 4096
        li   r4, 3                      ; PROT_R | PROT_W
        syscall
        li   r12, 2
        bnez r1, fail
        addi r11, r11, 2
        li   r5, PAGES
        bltu r11, r5, split

        li   r9, 0                      ; r9: round
round:  li   r1, SYS_MPROTECT
        mv   r2, r10
        li   r3, BYTES
        li   r4, 3
        syscall
        li   r12, 3
        bnez r1, fail
        sw   r9, 4096(r10)              ; page 1, read-only before: writable now
        li   r1, SYS_MPROTECT
        li   r4, 1
        syscall
        li   r12, 4
        bnez r1, fail
        li   r6, BYTES - 4096
        add  r6, r6, r10
        lw   r5, 0(r6)                  ; page 65,535: readable
        lw   r5, 4096(r10)
        li   r12, 5
        bne  r5, r9, fail               ; page 1 kept the round's word
        addi r9, r9, 1
        li   r5, ROUNDS
        bltu r9, r5, round

        li   r1, SYS_FORK
        syscall
        beqz r1, child
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r5, status(r0)
        li   r6, 257                    ; 256 + bad_access
        li   r12, 6
        bne  r5, r6, fail
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        li   r12, 0
        j    finish

child:  sw   r9, 0(r10)                 ; page 0 is read-only: killed here
        li   r1, SYS_EXIT
        li   r2, 7
        syscall

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
status:   .word -1
pass_msg: .ascii "host-mprotect-regions: PASS\n"
pass_end:
fail_msg: .ascii "host-mprotect-regions: FAIL step ?\n"
fail_end:
