; sys-cow-write.s (stdin "override"): system calls that store into a page
; shared copy-on-write with another process.
;
; The parent forks child 1, which read()s 8 bytes of stdin into `buf`, a
; .data word it still shares with its parent, and sleeps. The parent, after
; a sleep, must still see "original" in its `buf`. It then forks child 2,
; which shares `status` (0x55555555) and sleeps, and wait()s for child 1
; with its status stored into `status`: child 2 must still read 0x55555555
; there (it exits 0 if so, else 1), and the parent must read child 1's
; status 0. The kernel must break the copy-on-write for its own stores as
; for the guest's. Prints "sys-cow-write: PASS", exit 0; else
; "sys-cow-write: FAIL step N", exit N.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_READ, 2
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_SLEEP, 11

        .text
_start: li   r9, 1                      ; r9: the step that fails
        li   r1, SYS_FORK
        syscall
        blt  r1, r0, fail
        bnez r1, parent
        li   r1, SYS_READ               ; child 1: into the shared buffer
        li   r2, 0
        la   r3, buf
        li   r4, 8
        syscall
        li   r2, 8
        bne  r1, r2, child_bad
        lw   r2, buf(r0)                ; its own copy has the input
        li   r3, 0x7265766f             ; "over"
        bne  r2, r3, child_bad
        li   r1, SYS_SLEEP
        li   r2, 3
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
child_bad:
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

parent: li   r1, SYS_SLEEP              ; let child 1 read first
        li   r2, 1
        syscall
        li   r9, 2
        lw   r2, buf(r0)
        li   r3, 0x6769726f             ; "orig"
        bne  r2, r3, fail
        lw   r2, buf+4(r0)
        li   r3, 0x6c616e69             ; "inal"
        bne  r2, r3, fail
        li   r9, 3
        li   r1, SYS_FORK               ; child 2 shares the status word
        syscall
        blt  r1, r0, fail
        bnez r1, reap
        li   r1, SYS_SLEEP
        li   r2, 6
        syscall
        lw   r2, status(r0)
        li   r3, 0x55555555
        li   r1, SYS_EXIT
        sub  r2, r2, r3
        sltu r2, r0, r2                 ; 0 when unchanged, else 1
        syscall
reap:   li   r9, 4
        li   r1, SYS_WAIT               ; child 1 ends first: its status into the shared word
        la   r2, status
        syscall
        blt  r1, r0, fail
        lw   r2, status(r0)
        bnez r2, fail
        li   r9, 5
        li   r1, SYS_WAIT               ; child 2's verdict
        la   r2, status
        syscall
        blt  r1, r0, fail
        lw   r2, status(r0)
        bnez r2, fail
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
fail:   addi r5, r9, '0'
        la   r6, fail_digit
        sb   r5, 0(r6)
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, fail_msg
        li   r4, fail_end - fail_msg
        syscall
        li   r1, SYS_EXIT
        mv   r2, r9
        syscall

        .data
buf:      .ascii "original"
status:   .word 0x55555555
pass_msg: .ascii "sys-cow-write: PASS\n"
pass_end:
fail_msg: .ascii "sys-cow-write: FAIL step "
fail_digit: .ascii "?\n"
fail_end:
