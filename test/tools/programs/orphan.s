; orphan: pid 1 forks pid 2 and waits; pid 2 forks pid 3 and exits at once,
; so pid 3 runs on as an orphan (the kernel reaps it) and exits 3 later.
_start: li   r1, 4          ; fork
        syscall
        beqz r1, middle
        li   r1, 5          ; wait(0): for pid 2
        li   r2, 0
        syscall
        li   r1, 0
        li   r2, 0
        syscall
middle: li   r1, 4          ; fork
        syscall
        beqz r1, orphan
        li   r1, 0          ; exit(2) without waiting for pid 3
        li   r2, 2
        syscall
orphan: li   r5, 1000       ; outlives its parent
spin:   addi r5, r5, -1
        bnez r5, spin
        li   r1, 0
        li   r2, 3
        syscall
