; proc-cow-privacy.s: after fork, neither side may see the other's writes.
;
; The parent writes a secret pattern over 16 heap pages (one word every 64
; bytes: the word at address a holds a ^ key), then forks.
; - Child A checks it sees the secret, overwrites every page with its own
;   pattern and checks that; when it has exited the parent checks that all
;   16 of its pages still hold the secret.
; - Child B only reads: it checks it sees the secret, makes a grandchild
;   that sleeps, and waits for it. The parent meanwhile overwrites all its
;   pages with a new pattern, and only then kills the sleeping grandchild;
;   that wakes B, which must still see the secret, not the parent's writes.
; Copy-on-write must copy (or keep) each page for the right side, also when
; the shared pages are swapped out and back in (run it with few frames).
;
; The parent prints
;   PASS: parent: its pages hold the secret
;   PASS: parent: child A exited 0
;   PASS: parent: its pages still hold the secret after child A rewrote them
;   PASS: parent: its pages hold its new pattern
;   PASS: parent: kill(sleeping grandchild) -> 0
;   PASS: parent: child B exited 0
;   proc-cow-privacy: PASS
; child A prints
;   PASS: child A: sees the secret
;   PASS: child A: sees its own pattern after rewriting every page
; and child B prints
;   PASS: child B: sees the secret
;   PASS: child B: its sleeping child was killed (status 264)
;   PASS: child B: still sees the secret after the parent's writes
; A wrong view prints "FAIL: <check> (got X, want Y)" (X counts the wrong
; words) and ends with "proc-cow-privacy: FAIL", exit code 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_SBRK, 6
        .equ SYS_YIELD, 7
        .equ SYS_SLEEP, 11
        .equ SYS_KILL, 12
        .equ BYTES, 0x10000             ; 16 pages
        .equ STRIDE, 64
        .equ SECRET, 0x5EC0E7ED
        .equ CHILD_KEY, 0xC41DC41D
        .equ PARENT_KEY, 0xB0B0B0B0

        .text
_start:
        li   r1, SYS_SBRK
        li   r2, BYTES
        syscall
        mv   r8, r1                     ; r8: the 16 pages
        li   r3, SECRET
        call fill
        call count_wrong
        li   r5, 0
        la   r2, n_parent_secret
        call check

        ; -- child A rewrites everything --
        li   r1, SYS_FORK
        syscall
        beqz r1, child_a
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r1, status(r0)
        li   r5, 0
        la   r2, n_a_exited
        call check
        li   r3, SECRET
        call count_wrong
        la   r2, n_parent_kept
        call check

        ; -- child B only reads, while the parent writes --
        li   r1, SYS_FORK
        syscall
        beqz r1, child_b
        mv   r9, r1                     ; r9: child B
        li   r3, PARENT_KEY
        call fill
        call count_wrong
        li   r5, 0
        la   r2, n_parent_new
        call check
        addi r10, r9, 1                 ; r10: B's child, the next pid made
        li   r11, 100000                ; tries, until it exists
kill_grandchild:
        li   r1, SYS_KILL
        mv   r2, r10
        syscall
        beqz r1, killed
        li   r1, SYS_YIELD
        syscall
        addi r11, r11, -1
        bnez r11, kill_grandchild
killed: li   r5, 0
        la   r2, n_kill_grandchild
        call check
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r1, status(r0)
        la   r2, n_b_exited
        call check

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

child_a:
        li   r3, SECRET
        call count_wrong
        li   r5, 0
        la   r2, n_a_secret
        call check
        li   r3, CHILD_KEY
        call fill
        call count_wrong
        la   r2, n_a_own
        call check
        li   r1, SYS_EXIT
        lw   r2, failures(r0)
        syscall

child_b:
        li   r3, SECRET
        call count_wrong
        li   r5, 0
        la   r2, n_b_secret
        call check
        li   r1, SYS_FORK
        syscall
        bnez r1, b_waits
        li   r1, SYS_SLEEP              ; the grandchild: sleeps until it is killed
        li   r2, 0x7FFFFFFF
        syscall
        li   r1, SYS_EXIT
        li   r2, 99
        syscall
b_waits:
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r1, status(r0)
        li   r5, 264
        la   r2, n_b_woken
        call check
        li   r3, SECRET
        call count_wrong
        li   r5, 0
        la   r2, n_b_still
        call check
        li   r1, SYS_EXIT
        lw   r2, failures(r0)
        syscall

; fill: stores (address ^ r3) at every STRIDE-th word of the pages at r8.
; Changes r1, r2, r4.
fill:   mv   r2, r8
        li   r4, BYTES
        add  r4, r4, r8
fill_next:
        xor  r1, r2, r3
        sw   r1, 0(r2)
        addi r2, r2, STRIDE
        bltu r2, r4, fill_next
        ret

; count_wrong: r1 = how many of those words are not (address ^ r3).
; Changes r1, r2, r4, r6, r7.
count_wrong:
        li   r1, 0
        mv   r2, r8
        li   r4, BYTES
        add  r4, r4, r8
count_next:
        lw   r6, 0(r2)
        xor  r7, r2, r3
        beq  r6, r7, count_ok
        addi r1, r1, 1
count_ok:
        addi r2, r2, STRIDE
        bltu r2, r4, count_next
        ret

        .include "lib/check.s"        ; check, puts, putnum and their strings

        .data
status:   .word 0
n_parent_secret:   .asciz "parent: its pages hold the secret"
n_a_exited:        .asciz "parent: child A exited 0"
n_parent_kept:     .asciz "parent: its pages still hold the secret after child A rewrote them"
n_parent_new:      .asciz "parent: its pages hold its new pattern"
n_kill_grandchild: .asciz "parent: kill(sleeping grandchild) -> 0"
n_b_exited:        .asciz "parent: child B exited 0"
n_a_secret:        .asciz "child A: sees the secret"
n_a_own:           .asciz "child A: sees its own pattern after rewriting every page"
n_b_secret:        .asciz "child B: sees the secret"
n_b_woken:         .asciz "child B: its sleeping child was killed (status 264)"
n_b_still:         .asciz "child B: still sees the secret after the parent's writes"
s_verdict_pass: .asciz "proc-cow-privacy: PASS\n"
s_verdict_fail: .asciz "proc-cow-privacy: FAIL\n"
