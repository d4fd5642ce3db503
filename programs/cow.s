; cow: copy-on-write after fork, page by page.
;
; The parent fills a 4-page array (16 KiB in .bss) with the value 1 in every
; word, then forks. The child checks that it sees the parent's 1s, overwrites
; every word of its copy with 2, checks the 2s and exits 0. Each store to a
; shared page makes the kernel give the child a private copy of that page
; (cow_copies in the statistics). The parent waits for the child, checks its
; status (0) and then that every word of its own array is still 1.
;
; It prints (the child's line first: the parent is waiting):
;   child: my copy now holds 2s
;   parent: child exited 0, my array still holds 1s
;   PASS: cow
; and exits 0 (on a wrong word or status: "FAIL: cow ...", exit 1).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ ARRAY_BYTES, 16384

        .text
_start:
        li   r2, 1              ; parent: fill the array with 1s
        call fill
        li   r1, SYS_FORK
        syscall
        blt  r1, r0, fail
        beqz r1, child

        li   r1, SYS_WAIT       ; parent: wait(&status), status must be 0
        la   r2, status
        syscall
        blt  r1, r0, fail
        la   r6, status
        lw   r6, 0(r6)
        bnez r6, fail
        li   r2, 1              ; and the child's 2s never reached us
        call check
        bnez r2, fail
        la   r2, s_parent
        call puts
        la   r2, s_pass
        call puts
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

child:  li   r2, 1              ; the child starts with the parent's values
        call check
        bnez r2, child_fail
        li   r2, 2              ; then writes its own
        call fill
        li   r2, 2
        call check
        bnez r2, child_fail
        la   r2, s_child
        call puts
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
child_fail:
        la   r2, s_child_fail
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

fail:   la   r2, s_fail
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

; fill: stores r2 into every word of the array. Uses r3, r4.
fill:   la   r3, array
        li   r4, ARRAY_BYTES
        add  r4, r3, r4
fill_loop:
        sw   r2, 0(r3)
        addi r3, r3, 4
        bltu r3, r4, fill_loop
        ret

; check: r2 = 0 if every word of the array equals r2, else 1. Uses r3..r5.
check:  la   r3, array
        li   r4, ARRAY_BYTES
        add  r4, r3, r4
check_loop:
        lw   r5, 0(r3)
        bne  r5, r2, check_bad
        addi r3, r3, 4
        bltu r3, r4, check_loop
        li   r2, 0
        ret
check_bad:
        li   r2, 1
        ret

        .data
s_child:      .asciz "child: my copy now holds 2s\n"
s_child_fail: .asciz "FAIL: cow: the child saw a wrong value\n"
s_parent:     .asciz "parent: child exited 0, my array still holds 1s\n"
s_pass:       .asciz "PASS: cow\n"
s_fail:       .asciz "FAIL: cow: the parent's array or the child's status is wrong\n"

        .bss
        .align 4096
array:  .space ARRAY_BYTES
status: .space 4

        .text
        .include "lib/print.s"   ; puts and putnum (line-buffered output)
