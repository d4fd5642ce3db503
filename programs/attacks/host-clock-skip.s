; host-clock-skip.s: 300 sleeps of 0xFFFFFFFF ticks push the clock past 2^53.
;
; When every process sleeps, the kernel skips time ahead to the next wake-up,
; so each of these sleeps adds about 4.3 * 10^13 cycles (at the default
; quantum of 10000) and 210 of them pass 2^53, where a double can no longer
; count every cycle. The counter is kept exact (docs/kernel.md, "The clock"):
; rdcycle's low 32 bits stay right and --json gives the exact value. The
; program reads rdcycle before each sleep; from the fourth sleep on (the
; bystander has finished and the TLB is warm) every difference must be the
; same, 0xFFFFFFFF ticks x quantum cycles mod 2^32 (4294957296 at quantum
; 10000). It prints "host-clock-skip: PASS delta=<that difference>" and
; exits 0, or "host-clock-skip: FAIL" and exits 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_SLEEP, 11
        .equ SLEEPS, 300
        .equ TICKS, 0xFFFFFFFF
        .equ SETTLE, 3                  ; differences not checked: the bystander still runs, the TLB is cold

        .text
_start:
        li   r10, 0                     ; r10: sleeps done
        li   r11, 0                     ; r11: the previous rdcycle
        li   r13, 0                     ; r13: the difference every later one must equal
again:  rdcycle r5
        sub  r6, r5, r11                ; this difference (mod 2^32)
        mv   r11, r5
        li   r7, SETTLE
        bltu r10, r7, sleep             ; not checked yet
        bne  r10, r7, compare
        mv   r13, r6                    ; the first checked one sets the value
compare:
        bne  r6, r13, fail
sleep:  li   r1, SYS_SLEEP
        li   r2, TICKS
        syscall
        addi r10, r10, 1
        li   r7, SLEEPS
        bltu r10, r7, again

        ; -- pass: the message and the difference in unsigned decimal --
        la   r3, digits_end
        li   r4, 10
digit:  remu r5, r13, r4
        addi r5, r5, '0'
        addi r3, r3, -1
        sb   r5, 0(r3)
        divu r13, r13, r4
        bnez r13, digit
        li   r1, SYS_WRITE
        li   r2, 1
        mv   r8, r3
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        syscall
        li   r1, SYS_WRITE
        li   r2, 1
        mv   r3, r8
        la   r4, line_end
        sub  r4, r4, r8
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
pass_msg:   .ascii "host-clock-skip: PASS delta="
pass_end:
digits:     .space 10
digits_end: .ascii "\n"
line_end:
fail_msg:   .ascii "host-clock-skip: FAIL\n"
fail_end:
