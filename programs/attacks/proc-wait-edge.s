; proc-wait-edge.s: wait and process ends at their edges.
;
; - wait with no children -> ECHILD (-10), and the status word is untouched.
; - a child killed while it sleeps: kill -> 0, wait gives status 264.
; - a child killed while it waits for its own (sleeping) child: kill -> 0,
;   wait gives 264; its child, now an orphan, still wakes later and prints
;   "orphan: woke up after its parent was killed".
; - a child that exits at once, leaving two sleeping children: wait gives 0;
;   each orphan later prints "orphan: ran after its parent exited".
; - when every child is reaped, wait -> ECHILD again.
; - finally this process exits while one more child sleeps; that child
;   prints "orphan: ran after the first process exited".
; The kernel reaps every orphan; nothing may leak (the tests check that no
; frame or swap slot is left when all is over).
;
; This process prints
;   PASS: wait with no children -> ECHILD
;   PASS: and the status word is untouched
;   PASS: kill(sleeping child) -> 0
;   PASS: wait -> status 264
;   PASS: kill(child blocked in wait) -> 0
;   PASS: wait -> status 264
;   PASS: a child that left two children behind exited 0
;   PASS: wait with every child reaped -> ECHILD
;   proc-wait-edge: PASS
; and exits 0 (a wrong answer: "FAIL: <check> (got X, want Y)", then
; "proc-wait-edge: FAIL", exit 1).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_YIELD, 7
        .equ SYS_SLEEP, 11
        .equ SYS_KILL, 12
        .equ ECHILD, -10

        .text
_start:
        li   r1, 0x77
        sw   r1, status(r0)
        li   r1, SYS_WAIT
        li   r2, 0
        syscall
        li   r5, ECHILD
        la   r2, n_no_children
        call check
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r1, status(r0)
        li   r5, 0x77
        la   r2, n_status_kept
        call check

        ; -- killed while sleeping --
        li   r1, SYS_FORK
        syscall
        bnez r1, kill_sleeper
        li   r1, SYS_SLEEP
        li   r2, 1000000
        syscall
        li   r1, SYS_EXIT
        li   r2, 5
        syscall
kill_sleeper:
        mv   r9, r1
        call let_child_run
        li   r1, SYS_KILL
        mv   r2, r9
        syscall
        li   r5, 0
        la   r2, n_kill_sleeping
        call check
        call wait_status
        li   r5, 264
        la   r2, n_status_264
        call check

        ; -- killed while waiting for its own child --
        li   r1, SYS_FORK
        syscall
        bnez r1, kill_waiter
        li   r1, SYS_FORK               ; the child: makes a sleeper and waits for it
        syscall
        beqz r1, orphan_of_killed
        li   r1, SYS_WAIT
        li   r2, 0
        syscall
        li   r1, SYS_EXIT               ; not reached: killed while waiting
        li   r2, 6
        syscall
kill_waiter:
        mv   r9, r1
        call let_child_run              ; it makes its child and blocks in wait
        li   r1, SYS_KILL
        mv   r2, r9
        syscall
        li   r5, 0
        la   r2, n_kill_waiting
        call check
        call wait_status
        li   r5, 264
        la   r2, n_status_264
        call check

        ; -- exits at once, leaving two children --
        li   r1, SYS_FORK
        syscall
        bnez r1, wait_leaver
        li   r1, SYS_FORK
        syscall
        beqz r1, orphan_of_exited
        li   r1, SYS_FORK
        syscall
        beqz r1, orphan_of_exited
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
wait_leaver:
        call wait_status
        li   r5, 0
        la   r2, n_leaver
        call check
        li   r1, SYS_WAIT
        li   r2, 0
        syscall
        li   r5, ECHILD
        la   r2, n_all_reaped
        call check

        ; -- one more child, then this process ends first --
        li   r1, SYS_FORK
        syscall
        beqz r1, orphan_of_first
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

; The orphans: each sleeps a little, says it ran, and exits 0.
orphan_of_killed:
        la   r3, s_orphan_killed
        li   r2, 1000
        j    orphan
orphan_of_exited:
        la   r3, s_orphan_exited
        li   r2, 3
        j    orphan
orphan_of_first:
        la   r3, s_orphan_first
        li   r2, 5
orphan: li   r1, SYS_SLEEP              ; sleep(r2 ticks)
        syscall
        mv   r2, r3
        call puts
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

; let_child_run: yields 50 times, so that a new child surely gets to block.
let_child_run:
        li   r10, 50
let_run:
        li   r1, SYS_YIELD
        syscall
        addi r10, r10, -1
        bnez r10, let_run
        ret

; wait_status: waits for a child; r1 = its status.
wait_status:
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r1, status(r0)
        ret

        .include "lib/check.s"        ; check, puts, putnum and their strings

        .data
status:   .word 0
n_no_children:   .asciz "wait with no children -> ECHILD"
n_status_kept:   .asciz "and the status word is untouched"
n_kill_sleeping: .asciz "kill(sleeping child) -> 0"
n_status_264:    .asciz "wait -> status 264"
n_kill_waiting:  .asciz "kill(child blocked in wait) -> 0"
n_leaver:        .asciz "a child that left two children behind exited 0"
n_all_reaped:    .asciz "wait with every child reaped -> ECHILD"
s_orphan_killed: .asciz "orphan: woke up after its parent was killed\n"
s_orphan_exited: .asciz "orphan: ran after its parent exited\n"
s_orphan_first:  .asciz "orphan: ran after the first process exited\n"
s_verdict_pass: .asciz "proc-wait-edge: PASS\n"
s_verdict_fail: .asciz "proc-wait-edge: FAIL\n"
