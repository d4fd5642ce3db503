; host-huge-range.s: system calls over a range of 1.75 GiB that holds one page.
;
; munmap, mprotect and an sbrk shrink once cost the host one page-table look-up
; per page of the range, present or not: a call over 458,752 pages that hold
; one page took milliseconds, so a loop of such calls made the host do a
; million times the work of the instructions that asked for it. And a table
; emptied by munmap stayed, to be walked by every later call. Each round:
;   1. mmap(RANGE, R|W): the region lands at 0x7FE00000 - RANGE;
;   2. store the round number in its first page (the one page of the range);
;   3. mprotect(R), load it back; mprotect(R|W), store again;
;   4. fork a child that checks the word and exits 0 (fork and exit walk the
;      region's tables too); wait for it;
;   5. in round 0 only, store in the first word of every 4 MiB of the region
;      (448 page tables, which munmap must give back); munmap(RANGE); then
;      sbrk(+RANGE) and sbrk(-RANGE).
; ROUNDS rounds; it prints "host-huge-range: PASS" and exits 0, or
; "host-huge-range: FAIL step N" and exits N.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_SBRK, 6
        .equ SYS_MMAP, 8
        .equ SYS_MUNMAP, 9
        .equ SYS_MPROTECT, 10
        .equ RANGE, 0x70000000
        .equ BASE, 0x0FE00000              ; 0x7FE00000 - RANGE
        .equ ROUNDS, 50
        .equ TABLES, 448                   ; RANGE / 4 MiB

        .text
_start: li   r10, 0                     ; r10: the round
round:  li   r9, 1                      ; r9: the step that fails
        li   r1, SYS_MMAP
        li   r2, RANGE
        li   r3, 3
        syscall
        li   r2, BASE
        bne  r1, r2, fail
        mv   r8, r1
        li   r9, 2
        sw   r10, 0(r8)
        li   r9, 3
        li   r1, SYS_MPROTECT
        mv   r2, r8
        li   r3, RANGE
        li   r4, 1
        syscall
        bnez r1, fail
        lw   r2, 0(r8)
        bne  r2, r10, fail
        li   r1, SYS_MPROTECT
        mv   r2, r8
        li   r3, RANGE
        li   r4, 3
        syscall
        bnez r1, fail
        sw   r10, 4(r8)
        li   r9, 4
        li   r1, SYS_FORK
        syscall
        blt  r1, r0, fail
        bnez r1, parent
        lw   r2, 4(r8)                  ; the child: its copy holds the round
        sub  r2, r2, r10
        li   r1, SYS_EXIT
        syscall
parent: li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r2, status(r0)
        bnez r2, fail
        li   r9, 5
        bnez r10, touched
        mv   r2, r8                     ; round 0: one word in every 4 MiB
        li   r3, TABLES
        li   r4, 0x400000
spread: sw   r10, 0(r2)
        add  r2, r2, r4
        addi r3, r3, -1
        bnez r3, spread
touched:
        li   r1, SYS_MUNMAP
        mv   r2, r8
        li   r3, RANGE
        syscall
        bnez r1, fail
        li   r1, SYS_SBRK
        li   r2, RANGE
        syscall
        blt  r1, r0, fail
        li   r1, SYS_SBRK
        li   r2, -RANGE
        syscall
        blt  r1, r0, fail
        addi r10, r10, 1
        li   r2, ROUNDS
        bne  r10, r2, round
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
fail:   la   r3, fail_msg
        li   r4, fail_end - fail_msg
        addi r5, r9, '0'
        la   r6, fail_digit
        sb   r5, 0(r6)
        li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r9
        syscall

        .data
status:   .word 0
pass_msg: .ascii "host-huge-range: PASS\n"
pass_end:
fail_msg: .ascii "host-huge-range: FAIL step "
fail_digit: .ascii "?\n"
fail_end:
