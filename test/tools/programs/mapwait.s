; mapwait: system calls whose results read better named, for the debugger's
; break-trap syscall: mmap returns an address, wait without children ECHILD.
        .text
_start: li   r1, 8              ; mmap(4096, PROT_R | PROT_W)
        li   r2, 4096
        li   r3, 3
        syscall
        li   r1, 5              ; wait(0): no children -> ECHILD (-10)
        li   r2, 0
        syscall
        li   r1, 0              ; exit(0)
        li   r2, 0
        syscall
