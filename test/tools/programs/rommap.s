; rommap: maps a page read-only and stores into it, for the debugger's
; tests: walk of the page says which touch brings it in and which kills.
        .text
_start: li   r1, 8              ; mmap(4096, PROT_R)
        li   r2, 4096
        li   r3, 1
        syscall
        mv   r3, r1
        li   r4, 9
        sw   r4, 0(r3)          ; bug: the page is read-only
        li   r1, 0
        li   r2, 0
        syscall
