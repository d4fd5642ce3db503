; forkwait: fork three children, let each do some work and exit with its own
; code, then wait for all of them.
;
; Child i (i = 1, 2, 3) prints its pid (from getpid), adds up 1..100*i, adds
; i to the global `counter` and exits with code 10 + i. Fork gives each child
; a copy-on-write copy of the parent's memory, so the children change only
; their own copies: each sees 100 + i, and the parent's counter stays 100.
; The parent reaps every child, checks each status, checks that a fourth
; wait fails with ECHILD (-10) and that its counter is still 100.
;
; It prints (child 1 does the least work, so it ends first):
;   parent pid 1: forking 3 children
;   child 1 (pid 2) computing
;   child 1 (pid 2): sum 1..100 = 5050, counter = 101
;   child 2 (pid 3) computing
;   child 2 (pid 3): sum 1..200 = 20100, counter = 102
;   child 3 (pid 4) computing
;   child 3 (pid 4): sum 1..300 = 45150, counter = 103
;   reaped pid 2, status 11
;   reaped pid 3, status 12
;   reaped pid 4, status 13
;   parent: counter is still 100
;   PASS: forkwait
; and exits 0. (With a tiny --quantum the lines of different processes come
; in another order, but each process prints the same lines, each whole.)
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_GETPID, 3
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ ECHILD, -10
        .equ NCHILDREN, 3

        .text
_start:
        la   r2, s_parent       ; "parent pid P: forking 3 children"
        call puts
        li   r1, SYS_GETPID
        syscall
        mv   r2, r1
        call putnum
        la   r2, s_forking
        call puts

        li   r6, 1              ; r6 = i, the child's number
fork_loop:
        li   r1, SYS_FORK
        syscall
        beqz r1, child          ; 0: we are child i
        blt  r1, r0, fail       ; negative: fork failed
        la   r7, pids           ; pids[i] = child's pid
        shli r8, r6, 2
        add  r7, r7, r8
        sw   r1, 0(r7)
        addi r6, r6, 1
        li   r8, NCHILDREN
        ble  r6, r8, fork_loop

        li   r6, 0              ; r6 = children reaped
wait_loop:
        li   r1, SYS_WAIT       ; pid = wait(&status)
        la   r2, status
        syscall
        blt  r1, r0, fail
        mv   r9, r1             ; r9 = reaped pid
        la   r2, s_reaped       ; "reaped pid P, status S"
        call puts
        mv   r2, r9
        call putnum
        la   r2, s_status
        call puts
        la   r10, status
        lw   r10, 0(r10)        ; r10 = status
        mv   r2, r10
        call putnum
        la   r2, s_newline
        call puts
        li   r7, 1              ; find i with pids[i] == pid; status must be 10 + i
find:   la   r8, pids
        shli r11, r7, 2
        add  r8, r8, r11
        lw   r8, 0(r8)
        beq  r8, r9, found
        addi r7, r7, 1
        li   r8, NCHILDREN
        ble  r7, r8, find
        j    fail               ; a pid we never forked
found:  addi r7, r7, 10
        bne  r10, r7, fail
        addi r6, r6, 1
        li   r8, NCHILDREN
        blt  r6, r8, wait_loop

        li   r1, SYS_WAIT       ; no children left: wait must fail with ECHILD
        li   r2, 0
        syscall
        li   r8, ECHILD
        bne  r1, r8, fail
        la   r7, counter        ; the children's writes never reached us
        lw   r7, 0(r7)
        li   r8, 100
        bne  r7, r8, fail
        la   r2, s_still
        call puts
        la   r2, s_pass
        call puts
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

fail:   la   r2, s_fail
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

; Child i (in r6): print, compute, change counter, exit with 10 + i.
child:  li   r1, SYS_GETPID
        syscall
        mv   r9, r1             ; r9 = my pid
        call child_prefix       ; "child i (pid P)"
        la   r2, s_computing
        call puts
        li   r7, 100            ; r7 = n = 100 * i
        mul  r7, r7, r6
        li   r8, 0              ; r8 = sum 1..n
        mv   r10, r7
sum:    add  r8, r8, r10
        addi r10, r10, -1
        bnez r10, sum
        la   r10, counter       ; counter += i (a store: copy-on-write)
        lw   r11, 0(r10)
        add  r11, r11, r6
        sw   r11, 0(r10)
        call child_prefix       ; "child i (pid P): sum 1..n = S, counter = C"
        la   r2, s_sum
        call puts
        mv   r2, r7
        call putnum
        la   r2, s_equals
        call puts
        mv   r2, r8
        call putnum
        la   r2, s_counter
        call puts
        mv   r2, r11
        call putnum
        la   r2, s_newline
        call puts
        li   r1, SYS_EXIT
        addi r2, r6, 10
        syscall

; Prints "child i (pid P)" with i in r6 and P in r9.
child_prefix:
        push ra
        la   r2, s_child
        call puts
        mv   r2, r6
        call putnum
        la   r2, s_pid
        call puts
        mv   r2, r9
        call putnum
        la   r2, s_paren
        call puts
        pop  ra
        ret

        .data
counter:    .word 100
s_parent:   .asciz "parent pid "
s_forking:  .asciz ": forking 3 children\n"
s_child:    .asciz "child "
s_pid:      .asciz " (pid "
s_paren:    .asciz ")"
s_computing: .asciz " computing\n"
s_sum:      .asciz ": sum 1.."
s_equals:   .asciz " = "
s_counter:  .asciz ", counter = "
s_reaped:   .asciz "reaped pid "
s_status:   .asciz ", status "
s_newline:  .asciz "\n"
s_still:    .asciz "parent: counter is still 100\n"
s_pass:     .asciz "PASS: forkwait\n"
s_fail:     .asciz "FAIL: forkwait\n"

        .bss
        .align 4
pids:   .space 16               ; pids[1..3], one word each
status: .space 4

        .text
        .include "lib/print.s"   ; puts and putnum (line-buffered output)
