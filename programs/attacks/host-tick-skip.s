; host-tick-skip.s: sleep after the tick count has passed 2^53.
;
; 2,100,000 sleeps of 0xFFFFFFFF ticks with nothing else to run skip the
; clock past 2^53 ticks (9.0 * 10^15) in about 6 million instructions.
; Then the program forks: the child sleeps 3 ticks and exits 0; the parent
; spins for 20 ticks (200,000 instructions at the default quantum), kills
; the child (0 whether it is asleep or already ended) and waits for it. The
; child must have woken and ended after its 3 ticks: status 0, not 264
; (killed asleep). The kernel once kept the tick count in a double: past
; 2^53 a tick (+1) no longer changed it and a wake-up tick rounded up, so
; the child slept until the parent blocked. Prints "host-tick-skip: PASS"
; and exits 0, or "host-tick-skip: FAIL" and exits 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_SLEEP, 11
        .equ SYS_KILL, 12
        .equ SLEEPS, 2100000

        .text
_start: li   r10, SLEEPS
skip:   li   r1, SYS_SLEEP
        li   r2, -1                     ; 0xFFFFFFFF ticks
        syscall
        addi r10, r10, -1
        bnez r10, skip
        li   r1, SYS_FORK
        syscall
        beqz r1, child
        blt  r1, r0, fail
        mv   r12, r1
        li   r10, 100000                ; 2 instructions a pass: 20 ticks
spin:   addi r10, r10, -1
        bnez r10, spin
        li   r1, SYS_KILL
        mv   r2, r12
        syscall
        bnez r1, fail
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        bne  r1, r12, fail
        lw   r5, status(r0)
        bnez r5, fail                   ; 264: it was still asleep
        la   r3, pass
        li   r4, pass_end - pass
        li   r6, 0
        j    out
fail:   la   r3, failed
        li   r4, failed_end - failed
        li   r6, 1
out:    li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r6
        syscall
child:  li   r1, SYS_SLEEP
        li   r2, 3
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

        .data
status: .word 0
pass:   .ascii "host-tick-skip: PASS\n"
pass_end:
failed: .ascii "host-tick-skip: FAIL\n"
failed_end:
