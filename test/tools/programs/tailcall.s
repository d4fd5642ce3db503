; tailcall: functions that end by jumping to another (a tail call), for
; the debugger's tests: bt names the function the code is in and says it
; was entered by a jump.
        .text
_start: li   r2, 21
        call double
        call triple
        mv   r2, r1
        li   r1, 0
        syscall
show:   mv   r1, r2             ; show(x) = x
        ret
double: add  r2, r2, r2
        j    show               ; returns straight to _start
triple: li   r3, 3
        mul  r2, r2, r3
        j    last               ; a function called elsewhere too
last:   addi r1, r2, 0
        ret
other:  call last
        ret
