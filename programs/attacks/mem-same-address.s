; mem-same-address.s: two copies of this program use the same virtual addresses.
;
; Run it twice at once (and beside other programs). Both copies have the
; same layout, so the word "slot" in .bss, the top of the stack and the
; first mmap'd page are at the same virtual addresses in both. Each copy
; writes (pid << 16) + i to all three, spins a little (so timer ticks and
; context switches fall in between), and checks it reads back exactly what
; it wrote, ROUNDS times. Each address space has its own frames, and the
; TLB must never hand one process the other's translation (with ASIDs on,
; entries are tagged; with ASIDs off, the kernel flushes on each switch).
; Each copy prints "mem-same-address: PASS pid N kept its own memory" and
; exits 0, or "mem-same-address: FAIL pid N saw another value" and exits 1.
; (N is one digit: run it among the first nine processes.)
        .equ ROUNDS, 1500
        .equ SPIN, 20
        .equ PID_DIGIT, 27              ; where N is in "mem-same-address: PASS pid N"
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_GETPID, 3
        .equ SYS_YIELD, 7
        .equ SYS_MMAP, 8

        .text
_start:
        li   r1, SYS_GETPID
        syscall
        mv   r9, r1                     ; r9: pid
        li   r1, SYS_MMAP               ; mmap(4096, R|W): 0x7FDFF000 in both copies
        li   r2, 4096
        li   r3, 3
        syscall
        blt  r1, r0, fail
        mv   r5, r1                     ; r5: the mmap'd page
        la   r6, slot                   ; r6: the .bss word
        addi sp, sp, -4                 ; 0(sp): the stack word
        li   r10, 0                     ; r10: i
round:  shli r2, r9, 16
        add  r2, r2, r10                ; r2 = (pid << 16) + i
        sw   r2, 0(r6)
        sw   r2, 0(sp)
        sw   r2, 0(r5)
        li   r3, SPIN                   ; let time pass (and the timer tick)
spin:   addi r3, r3, -1
        bnez r3, spin
        lw   r4, 0(r6)
        bne  r4, r2, fail
        lw   r4, 0(sp)
        bne  r4, r2, fail
        lw   r4, 0(r5)
        bne  r4, r2, fail
        andi r4, r10, 255               ; now and then, give the CPU away
        bnez r4, next
        li   r1, SYS_YIELD
        syscall
next:   addi r10, r10, 1
        li   r4, ROUNDS
        blt  r10, r4, round

        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        li   r7, 0
        j    finish
fail:   la   r3, fail_msg
        li   r4, fail_end - fail_msg
        li   r7, 1
finish: addi r2, r9, '0'                ; put the pid's digit in the message
        sb   r2, PID_DIGIT(r3)
        li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r7
        syscall

        .data
pass_msg: .ascii "mem-same-address: PASS pid ? kept its own memory\n"
pass_end:
fail_msg: .ascii "mem-same-address: FAIL pid ? saw another value\n"
fail_end:
        .bss
slot:   .space 4
