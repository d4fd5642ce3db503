; habits: a small program for the debugger's tests of what gdb users type
; (print, info reg, x/4x, set $r = v, bt full, list).
        .text
_start: li   r1, -1
        la   r2, buf
        li   r3, 7
        sw   r3, 4(r2)
        li   r1, 0
        li   r2, 0
        syscall
        .data
buf:    .word 5, 0
