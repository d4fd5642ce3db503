; sleep: two children sleep for different times and wake in order of their
; deadlines, not in the order they went to sleep.
;
; The parent forks child 1, which sleeps 30 ticks, then child 2, which sleeps
; 10 ticks (a tick is --quantum instructions run by the machine; when every
; process is blocked, time skips ahead to the next wake-up). Each child, on
; waking, prints how long it slept and exits with that number as its code.
; The parent waits twice: wait reaps the child that ended first, so it must
; get child 2 (status 10) first and child 1 (status 30) second.
;
; It prints (pids 2 and 3 are the children):
;   pid 3: slept 10 ticks
;   pid 2: slept 30 ticks
;   reaped pid 3, status 10
;   reaped pid 2, status 30
;   PASS: sleep
; and exits 0 (in the wrong order: "FAIL: sleep", exit 1).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_GETPID, 3
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_SLEEP, 11
        .equ LONG_TICKS, 30
        .equ SHORT_TICKS, 10

        .text
_start:
        li   r6, LONG_TICKS     ; child 1 sleeps long
        li   r1, SYS_FORK
        syscall
        blt  r1, r0, fail
        beqz r1, sleeper
        mv   r7, r1             ; r7 = child 1's pid
        li   r6, SHORT_TICKS    ; child 2 sleeps short
        li   r1, SYS_FORK
        syscall
        blt  r1, r0, fail
        beqz r1, sleeper
        mv   r8, r1             ; r8 = child 2's pid

        mv   r9, r8             ; first the short sleeper, then the long one
        li   r10, SHORT_TICKS
        call reap
        mv   r9, r7
        li   r10, LONG_TICKS
        call reap
        la   r2, s_pass
        call puts
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

; reap: waits for one child, prints it, and fails unless it is pid r9 with
; status r10.
reap:   push ra
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        mv   r11, r1            ; r11 = reaped pid
        la   r2, s_reaped       ; "reaped pid P, status S"
        call puts
        mv   r2, r11
        call putnum
        la   r2, s_status
        call puts
        la   r12, status
        lw   r12, 0(r12)
        mv   r2, r12
        call putnum
        la   r2, s_newline
        call puts
        bne  r11, r9, fail
        bne  r12, r10, fail
        pop  ra
        ret

fail:   la   r2, s_fail
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

; A child: sleep r6 ticks, say so, exit with code r6.
sleeper:
        li   r1, SYS_SLEEP
        mv   r2, r6
        syscall
        bnez r1, fail
        la   r2, s_pid          ; "pid P: slept N ticks"
        call puts
        li   r1, SYS_GETPID
        syscall
        mv   r2, r1
        call putnum
        la   r2, s_slept
        call puts
        mv   r2, r6
        call putnum
        la   r2, s_ticks
        call puts
        li   r1, SYS_EXIT
        mv   r2, r6
        syscall

        .data
s_pid:      .asciz "pid "
s_slept:    .asciz ": slept "
s_ticks:    .asciz " ticks\n"
s_reaped:   .asciz "reaped pid "
s_status:   .asciz ", status "
s_newline:  .asciz "\n"
s_pass:     .asciz "PASS: sleep\n"
s_fail:     .asciz "FAIL: sleep\n"

        .bss
        .align 4
status:     .space 4

        .text
        .include "lib/print.s"   ; puts and putnum (line-buffered output)
