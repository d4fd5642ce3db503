; waitnap: the parent waits for a child that naps first, for the debugger's
; tests: next over the wait runs until it returns; a step into it, or an
; interruption, says the parent is blocked.
        .text
_start: li   r1, 4              ; fork()
        syscall
        beqz r1, child
        li   r1, 5              ; wait(&status): blocks until the child ends
        la   r2, status
        syscall
        mv   r6, r1             ; the pid wait returned
        la   r3, status
        lw   r2, 0(r3)
        li   r1, 0              ; exit(status)
        syscall
child:  li   r1, 11             ; sleep(2)
        li   r2, 2
        syscall
        li   r1, 0              ; exit(3)
        li   r2, 3
        syscall
        .data
status: .word 0
