; bsswatch: for the debugger's watch tests: two stores to a .bss word and one
; push, each into a page not made yet (zero-filled on first touch).
        .text
_start: la   r3, buf
        li   r4, 5
        sw   r4, 0(r3)
        li   r4, 6
        sw   r4, 0(r3)
        push r4
        li   r1, 0
        li   r2, 0
        syscall
        .bss
buf:    .space 4
