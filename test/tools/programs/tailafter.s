; tailafter: f ends by jumping to g, which lies after f and which no call
; targets, for the debugger's tests: bt inside g names g and the jump from
; f; inside f's own loop it still names f.
        .text
_start: li   r2, 3
        call f
        li   r1, 0
        li   r2, 0
        syscall
f:      li   r3, 0
f_loop: addi r3, r3, 1          ; a loop's label: its code is still f's
        blt  r3, r2, f_loop
        j    g                  ; a tail call: g returns straight to _start
g:      add  r1, r3, r2
        ret
