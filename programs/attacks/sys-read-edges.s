; sys-read-edges.s: read(0) at the edges of the address space (stdin "hello world").
;
; Each read's result is printed as 8 hex digits; none may consume stdin
; unless it succeeds:
;   len 0x80000000 and 0xFFFFFFFF into .bss          EFAULT (-14)
;   1 byte at 0x7FFFFFFF, the stack's last byte       1 ('h')
;   2 bytes at 0x7FFFFFFF (into the kernel half)      EFAULT
;   2 bytes at 0x7FEFFFFF (guard page into stack)     EFAULT
;   0 bytes at 0x80000000                             0
;   4 bytes ending exactly at the end of .bss         4 ("ello")
;   8192 bytes from the end of .bss (past the break)  EFAULT
; then it reads the rest in 4096-byte reads and prints the count (6,
; " world") and exits 0. Output:
;   fffffff2 fffffff2 00000001 fffffff2 fffffff2 00000000 00000004 fffffff2
;   00000006
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_READ, 2

        .text
_start: la   r12, args
        li   r13, 8
each:   li   r1, SYS_READ
        li   r2, 0
        lw   r3, 0(r12)
        lw   r4, 4(r12)
        syscall
        mv   r2, r1
        call puthex
        addi r12, r12, 8
        addi r13, r13, -1
        bnez r13, each
        call putnl
        li   r5, 0
rest:   li   r1, SYS_READ
        li   r2, 0
        la   r3, buf
        li   r4, 4096
        syscall
        blt  r1, r0, bad
        beqz r1, done
        add  r5, r5, r1
        j    rest
done:   mv   r2, r5
        call puthex
        call putnl
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
bad:    li   r1, SYS_EXIT
        li   r2, 1
        syscall

; puthex: prints r2 as 8 hex digits and a space; changes r1..r6
puthex: la   r5, hexbuf
        li   r4, 8
ph:     shri r3, r2, 28
        la   r6, digits
        add  r6, r6, r3
        lbu  r3, 0(r6)
        sb   r3, 0(r5)
        addi r5, r5, 1
        shli r2, r2, 4
        addi r4, r4, -1
        bnez r4, ph
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, hexbuf
        li   r4, 9
        syscall
        ret
putnl:  li   r1, SYS_WRITE
        li   r2, 1
        la   r3, newline
        li   r4, 1
        syscall
        ret

        .data
args:   .word buf, 0x80000000
        .word buf, 0xffffffff
        .word 0x7fffffff, 1
        .word 0x7fffffff, 2
        .word 0x7fefffff, 2
        .word 0x80000000, 0
        .word bufend - 4, 4
        .word bufend, 8192
digits: .ascii "0123456789abcdef"
hexbuf: .ascii "........ "
newline: .ascii "\n"
        .bss
        .align 4096
buf:    .space 4096
bufend:
