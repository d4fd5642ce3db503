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
