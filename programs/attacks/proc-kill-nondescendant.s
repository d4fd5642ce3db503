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

        .include "lib/check.s"        ; check, puts, putnum and their strings

        .data
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
s_verdict_pass: .asciz "proc-kill-nondescendant: PASS\n"
s_verdict_fail: .asciz "proc-kill-nondescendant: FAIL\n"
