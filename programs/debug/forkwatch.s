; forkwatch: parent and child each store their own value to `counter`,
; which fork shared copy-on-write (the parent read it first, so its page is
; there to share): the parent 5, the child 7. The parent
; stores first, then waits for the child; the child's exit code is its
; counter, the parent exits with its own (5).
        .equ SYS_EXIT, 0
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .data
counter: .word 0
        .text
_start:
        la   r4, counter
        lw   r5, 0(r4)          ; bring the data page in before the fork
        li   r1, SYS_FORK
        syscall
forked:
        la   r4, counter
        beqz r1, child
        li   r5, 5
        sw   r5, 0(r4)          ; the parent's store: copies the page for the parent
        li   r1, SYS_WAIT
        li   r2, 0
        syscall
        la   r4, counter
        lw   r2, 0(r4)
        li   r1, SYS_EXIT
        syscall
child:
        li   r5, 7
        sw   r5, 0(r4)          ; the child's store: the last sharer keeps the page
        lw   r2, 0(r4)
        li   r1, SYS_EXIT
        syscall
