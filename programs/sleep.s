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
; ---- print.s: line-buffered output (copied verbatim from programs/lib/print.s) ----
; puts: appends the zero-terminated string at r2 to the current line; at each
; "\n" (or when 80 bytes are waiting) the line goes out with a single write,
; so lines printed by different processes never mix. putnum: appends r2 as an
; unsigned decimal number. Both use r1..r5 and one word of stack.
puts:   la   r3, line_len
        lw   r4, 0(r3)          ; r4 = where the next byte goes
        la   r3, line
        add  r4, r3, r4
puts_char:
        lbu  r5, 0(r2)
        beqz r5, puts_done
        sb   r5, 0(r4)
        addi r4, r4, 1
        addi r2, r2, 1
        li   r1, '\n'
        beq  r5, r1, puts_flush
        addi r1, r3, 80         ; the line is full: send what we have
        bltu r4, r1, puts_char
puts_flush:
        push r2
        sub  r4, r4, r3         ; write(1, line, length)
        li   r1, 1
        li   r2, 1
        syscall
        pop  r2
        mv   r4, r3             ; the line is empty again
        j    puts_char
puts_done:
        sub  r4, r4, r3
        la   r3, line_len
        sw   r4, 0(r3)
        ret

putnum: la   r3, digits_end     ; digits come out last first: fill backwards
        li   r5, 10
putnum_digit:
        remu r4, r2, r5
        addi r4, r4, '0'
        addi r3, r3, -1
        sb   r4, 0(r3)
        divu r2, r2, r5
        bnez r2, putnum_digit
        mv   r2, r3             ; then print them as a string
        j    puts

        .bss
        .align 4
line_len:   .space 4
line:       .space 80
digits:     .space 10
digits_end: .space 1            ; the zero after the digits
; ---- end of print.s ----
