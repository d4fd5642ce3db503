; proc-kill-nondescendant.s: tries to kill processes that are not its descendants.
;
; Run it as pid 2 beside the bystander (pid 1). kill works only on the
; caller's own descendants (SPEC section 6), so kill(1), kill of itself, and,
; from a forked child, kill of its parent, of the bystander and of itself
; must each return EPERM (-1) and kill nobody. Killing its own child (a spin
; loop) and its grandchild (a spin loop whose parent waits for it) works:
; kill returns 0 and wait gives status 256 + 8 (killed) = 264. Once a child
; is reaped its pid names nothing any more: kill -> EPERM. A child that has
; ended but is not yet waited for may be named: kill -> 0 and it keeps its
; own exit status.
;
; The attacker (pid 2) prints:
;   PASS: kill(1), the bystander -> EPERM
;   PASS: kill(itself) -> EPERM
;   PASS: the forked child could kill no one it must not
;   PASS: kill(spinning child) -> 0
;   PASS: wait -> that child
;   PASS: its status is 264 (killed)
;   PASS: kill(the reaped child) -> EPERM
;   PASS: kill(grandchild) -> 0
;   PASS: the middle child saw its child killed
;   PASS: kill(ended, unwaited child) -> 0
;   PASS: its status is still its exit code 7
;   proc-kill-nondescendant: PASS
; pid 3 prints the three "PASS: child: kill(...) -> EPERM" lines, pid 5
; prints "PASS: middle child: its child's status is 264 (killed)".
; A wrong answer prints "FAIL: <check> (got X, want Y)", then
; "proc-kill-nondescendant: FAIL", exit code 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_GETPID, 3
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_YIELD, 7
        .equ SYS_KILL, 12
        .equ EPERM, -1
        .equ KILLED_STATUS, 264         ; 256 + cause 8 (killed)

        .text
_start:
        li   r1, SYS_GETPID
        syscall
        mv   r8, r1                     ; r8: my pid

        li   r1, SYS_KILL               ; the bystander: not my descendant
        li   r2, 1
        syscall
        li   r5, EPERM
        la   r2, n_kill_bystander
        call check
        li   r1, SYS_KILL               ; myself: not my own descendant either
        mv   r2, r8
        syscall
        la   r2, n_kill_self
        call check

        ; -- a child tries its parent, the bystander and itself --
        li   r1, SYS_FORK
        syscall
        beqz r1, child_tries
        mv   r9, r1
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r1, status(r0)
        li   r5, 0
        la   r2, n_child_clean
        call check

        ; -- my own child: killed while it spins --
        li   r1, SYS_FORK
        syscall
        beqz r1, spin
        mv   r9, r1                     ; r9: the spinning child
        call let_child_run
        li   r1, SYS_KILL
        mv   r2, r9
        syscall
        li   r5, 0
        la   r2, n_kill_child
        call check
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        mv   r5, r9
        la   r2, n_wait_child
        call check
        lw   r1, status(r0)
        li   r5, KILLED_STATUS
        la   r2, n_child_status
        call check
        li   r1, SYS_KILL
        mv   r2, r9
        syscall
        li   r5, EPERM
        la   r2, n_kill_reaped
        call check

        ; -- my grandchild: the middle child waits for it, I kill it --
        li   r1, SYS_FORK
        syscall
        beqz r1, middle_child
        mv   r9, r1                     ; r9: the middle child
        addi r10, r9, 1                 ; r10: its child's pid, the next one made
        call let_child_run
        li   r11, 10000                 ; tries: until the grandchild exists
kill_grandchild:
        li   r1, SYS_KILL
        mv   r2, r10
        syscall
        beqz r1, grandchild_killed
        li   r1, SYS_YIELD
        syscall
        addi r11, r11, -1
        bnez r11, kill_grandchild
        li   r1, EPERM                  ; never managed: report the last answer
grandchild_killed:
        li   r5, 0
        la   r2, n_kill_grandchild
        call check
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r1, status(r0)
        li   r5, 0
        la   r2, n_middle_saw
        call check

        ; -- a child that has ended but is not waited for yet --
        li   r1, SYS_FORK
        syscall
        bnez r1, ended_parent
        li   r1, SYS_EXIT
        li   r2, 7
        syscall
ended_parent:
        mv   r9, r1
        call let_child_run              ; it ends meanwhile
        li   r1, SYS_KILL
        mv   r2, r9
        syscall
        li   r5, 0
        la   r2, n_kill_zombie
        call check
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r1, status(r0)
        li   r5, 7
        la   r2, n_zombie_status
        call check

        ; -- verdict --
        lw   r1, failures(r0)
        bnez r1, failed
        la   r2, s_verdict_pass
        call puts
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
failed: la   r2, s_verdict_fail
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

; The first child: r8 still holds its parent's pid (fork copies registers).
child_tries:
        li   r1, SYS_KILL
        mv   r2, r8
        syscall
        li   r5, EPERM
        la   r2, n_child_kill_parent
        call check
        li   r1, SYS_KILL
        li   r2, 1
        syscall
        la   r2, n_child_kill_bystander
        call check
        li   r1, SYS_GETPID
        syscall
        mv   r2, r1
        li   r1, SYS_KILL
        syscall
        la   r2, n_child_kill_self
        call check
        li   r1, SYS_EXIT               ; exit(number of failures)
        lw   r2, failures(r0)
        syscall

; The middle child: makes a spinning child and waits for it to be killed.
middle_child:
        li   r1, SYS_FORK
        syscall
        beqz r1, spin
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r1, status(r0)
        li   r5, KILLED_STATUS
        la   r2, n_middle_status
        call check
        li   r1, SYS_EXIT
        lw   r2, failures(r0)
        syscall

; let_child_run: yields 50 times, so that new children surely get to run.
let_child_run:
        li   r11, 50
let_run:
        li   r1, SYS_YIELD
        syscall
        addi r11, r11, -1
        bnez r11, let_run
        ret

; A child that only burns time until it is killed.
spin:   j    spin

; ---- helpers shared by the system-call attacks ----

; check: prints "PASS: <name>" when r1 equals r5, else
; "FAIL: <name> (got r1, want r5)" and counts the failure. r2 = the name.
; Changes r1 only.
check:  push ra
        push r2
        push r6
        mv   r6, r1
        beq  r6, r5, check_pass
        la   r2, s_fail
        call puts
        lw   r2, 4(sp)
        call puts
        la   r2, s_got
        call puts
        mv   r2, r6
        call putnum
        la   r2, s_want
        call puts
        mv   r2, r5
        call putnum
        la   r2, s_close
        call puts
        lw   r1, failures(r0)
        addi r1, r1, 1
        sw   r1, failures(r0)
        j    check_done
check_pass:
        la   r2, s_pass
        call puts
        lw   r2, 4(sp)
        call puts
        la   r2, s_newline
        call puts
check_done:
        pop  r6
        pop  r2
        pop  ra
        ret

; puts: writes the zero-terminated string at r2 to stdout. Changes r1 only.
puts:   push r2
        push r3
        push r4
        mv   r3, r2
        mv   r4, r2
puts_scan:
        lbu  r1, 0(r4)
        beqz r1, puts_write
        addi r4, r4, 1
        j    puts_scan
puts_write:
        sub  r4, r4, r3
        li   r1, SYS_WRITE
        li   r2, 1
        syscall
        pop  r4
        pop  r3
        pop  r2
        ret

; putnum: writes r2 as a signed decimal number. Changes r1 only.
putnum: push r2
        push r3
        push r4
        push r5
        la   r3, numbuf_end             ; digits are made backwards
        mv   r4, r2
        bge  r4, r0, putnum_digit
        neg  r4, r4
putnum_digit:
        li   r5, 10
        remu r1, r4, r5
        addi r1, r1, '0'
        addi r3, r3, -1
        sb   r1, 0(r3)
        divu r4, r4, r5
        bnez r4, putnum_digit
        bge  r2, r0, putnum_write
        li   r1, '-'
        addi r3, r3, -1
        sb   r1, 0(r3)
putnum_write:
        la   r4, numbuf_end
        sub  r4, r4, r3
        li   r1, SYS_WRITE
        li   r2, 1
        syscall
        pop  r5
        pop  r4
        pop  r3
        pop  r2
        ret

        .data
failures: .word 0
status:   .word 0
n_kill_bystander:       .asciz "kill(1), the bystander -> EPERM"
n_kill_self:            .asciz "kill(itself) -> EPERM"
n_child_clean:          .asciz "the forked child could kill no one it must not"
n_kill_child:           .asciz "kill(spinning child) -> 0"
n_wait_child:           .asciz "wait -> that child"
n_child_status:         .asciz "its status is 264 (killed)"
n_kill_reaped:          .asciz "kill(the reaped child) -> EPERM"
n_kill_grandchild:      .asciz "kill(grandchild) -> 0"
n_middle_saw:           .asciz "the middle child saw its child killed"
n_kill_zombie:          .asciz "kill(ended, unwaited child) -> 0"
n_zombie_status:        .asciz "its status is still its exit code 7"
n_child_kill_parent:    .asciz "child: kill(its parent) -> EPERM"
n_child_kill_bystander: .asciz "child: kill(1), the bystander -> EPERM"
n_child_kill_self:      .asciz "child: kill(itself) -> EPERM"
n_middle_status:        .asciz "middle child: its child's status is 264 (killed)"
s_pass:         .asciz "PASS: "
s_fail:         .asciz "FAIL: "
s_got:          .asciz " (got "
s_want:         .asciz ", want "
s_close:        .asciz ")\n"
s_newline:      .asciz "\n"
s_verdict_pass: .asciz "proc-kill-nondescendant: PASS\n"
s_verdict_fail: .asciz "proc-kill-nondescendant: FAIL\n"
numbuf:         .space 12
numbuf_end:
