; mem-stale-asid.s: looks for a dead process's memory through a recycled ASID.
;
; With ASIDs on, the TLB keeps entries of several address spaces at once,
; each tagged with its space's ASID. When a process ends, its frames are
; freed and its ASID goes back to the pool; the next new process may get the
; same ASID. If the TLB still held the dead process's entries under it, the
; new process would read the dead one's frames.
;
; The parent puts 0x11111111 in "slot" and forks child A. A writes a secret
; there (copy-on-write gives it a frame of its own, now in the TLB under
; A's ASID), reads it back and exits. The parent waits for A, then forks
; child B, which is likely to get A's old ASID. B reads "slot" and must see
; its parent's 0x11111111, never A's secret; it exits 0 if so, else 1.
; The parent prints "mem-stale-asid: PASS no stale translation survived" and
; exits 0, or "mem-stale-asid: FAIL ..." and exits 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ PARENT_VALUE, 0x11111111
        .equ SECRET, 0x5EC12E7

        .text
_start:
        la   r6, slot
        li   r7, PARENT_VALUE
        sw   r7, 0(r6)

        li   r1, SYS_FORK               ; child A
        syscall
        blt  r1, r0, fail
        beqz r1, child_a
        li   r1, SYS_WAIT               ; wait for A to end (its ASID is free again)
        li   r2, 0
        syscall

        li   r1, SYS_FORK               ; child B
        syscall
        blt  r1, r0, fail
        beqz r1, child_b
        li   r1, SYS_WAIT               ; B's verdict is its exit status
        la   r2, status
        syscall
        lw   r2, status(r0)
        bnez r2, fail

        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        li   r5, 0
        j    finish
fail:   la   r3, fail_msg
        li   r4, fail_end - fail_msg
        li   r5, 1
finish: li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r5
        syscall

child_a:                                ; write a secret, make sure it is in the TLB, end
        li   r8, SECRET
        sw   r8, 0(r6)
        lw   r8, 0(r6)
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

child_b:                                ; must see the parent's value, not A's secret
        lw   r8, 0(r6)
        li   r1, SYS_EXIT
        li   r2, 0
        beq  r8, r7, b_done
        li   r2, 1
b_done: syscall

        .data
pass_msg: .ascii "mem-stale-asid: PASS no stale translation survived\n"
pass_end:
fail_msg: .ascii "mem-stale-asid: FAIL a child saw a dead process's memory\n"
fail_end:
        .bss
slot:   .space 4
status: .space 4
