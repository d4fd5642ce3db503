; divide: the average of an empty list divides by zero.
        .equ SYS_EXIT, 0
        .data
count:  .word 0
total:  .word 0
        .text
_start:
        la   r4, count
        lw   r3, 0(r4)          ; r3 = count (0)
        la   r4, total
        lw   r2, 0(r4)          ; r2 = total
        div  r2, r2, r3         ; average: total / count
        li   r1, SYS_EXIT
        syscall
