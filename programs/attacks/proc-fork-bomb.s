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

        .include "lib/check.s"        ; check, puts, putnum and their strings

        .data
status:   .word 0
s_verdict_pass: .asciz "proc-fork-bomb: PASS\n"
s_verdict_fail: .asciz "proc-fork-bomb: FAIL\n"
