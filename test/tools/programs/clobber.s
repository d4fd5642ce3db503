; clobber: helper overwrites r6, its caller's loop counter, for the
; debugger's tests: the loop never ends; watch r6 finds the culprit.
        .text
_start: li   r6, 3
loop:   call helper
        addi r6, r6, -1
        bnez r6, loop
        li   r1, 0
        li   r2, 0
        syscall
helper: li   r6, 5              ; bug: r6 belongs to the caller
        ret
