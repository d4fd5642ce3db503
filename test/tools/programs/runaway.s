; runaway: a loop that counts the wrong way, for the debugger's tests of
; --max-instructions: the debugger stops at the limit before the kill.
        .text
_start: li   r4, 10
        call count
        li   r1, 0
        li   r2, 0
        syscall
count:  addi r4, r4, 1          ; meant to count down to 0
        bnez r4, count
        ret
