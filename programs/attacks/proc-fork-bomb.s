; proc-fork-bomb.s: the classic fork bomb; every child forks too.
;
; Each process forks in a loop until fork fails; each child it makes does
; the same. The kernel must refuse with EAGAIN (-11) once max_procs
; processes exist, and nothing else: no crash, no hang, no harm to the
; bystander. A process whose fork is refused waits for all its children and
; exits 0 if its refusal was EAGAIN and every child exited 0, else 1. The
; first process then prints "proc-fork-bomb: PASS" (or
; "proc-fork-bomb: FAIL") and exits 0 (or 1); no other process prints.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ EAGAIN, -11

        .text
_start:
        li   r9, 1                      ; r9: 1 in the first process, 0 in the others
        li   r10, 0                     ; r10: 0 while all is well
bomb:   li   r1, SYS_FORK
        syscall
        blt  r1, r0, refused
        bnez r1, bomb                   ; the parent forks again ...
        li   r9, 0                      ; ... and so does the child
        j    bomb
refused:
        li   r2, EAGAIN
        beq  r1, r2, reap
        li   r10, 1                     ; refused, but not with EAGAIN
reap:   li   r1, SYS_WAIT               ; wait for every child
        la   r2, status
        syscall
        blt  r1, r0, reaped_all
        lw   r1, status(r0)
        or   r10, r10, r1
        j    reap
reaped_all:
        beqz r9, done
        la   r2, s_verdict_pass
        beqz r10, say
        la   r2, s_verdict_fail
say:    call puts
done:   sltu r2, r0, r10                ; exit(r10 != 0)
        li   r1, SYS_EXIT
        syscall

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
status:   .word 0
failures: .word 0
s_verdict_pass: .asciz "proc-fork-bomb: PASS\n"
s_verdict_fail: .asciz "proc-fork-bomb: FAIL\n"
s_pass:         .asciz "PASS: "
s_fail:         .asciz "FAIL: "
s_got:          .asciz " (got "
s_want:         .asciz ", want "
s_close:        .asciz ")\n"
s_newline:      .asciz "\n"
numbuf:         .space 12
numbuf_end:
