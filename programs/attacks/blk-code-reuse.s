; blk-code-reuse.s: code compiled in a frame that is freed and given out
; again, at the same address, with other code in it.
;
; 30 rounds: mmap a page (always 0x7FDFF000, the first mmap place, and most
; likely the frame the last round freed), write "addi r1, r0, K; ret" with
; K = the round, mprotect it r-x, call it 10 times (compiled), check r1 = K,
; munmap it. Odd rounds run in a forked child, so the frame and the address
; also pass between processes. A block kept for the old code would return
; the previous round's K. Prints "blk-code-reuse: PASS" and exits 0; else
; "blk-code-reuse: FAIL" and exits 1 (a child that fails exits 1).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_MMAP, 8
        .equ SYS_MUNMAP, 9
        .equ SYS_MPROTECT, 10
        .equ ADDI_R1_R0, 0x11100000     ; addi r1, r0, imm16
        .equ RET, 0x390F0000            ; jalr r0, ra, 0

        .text
_start: li   r11, 1                     ; r11: the round, 1..30
next:   andi r2, r11, 1
        beqz r2, here
        li   r1, SYS_FORK
        syscall
        blt  r1, r0, fail
        bnez r1, reap
        call round                      ; the child's round
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
reap:   li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r2, status(r0)
        bnez r2, fail
        j    done
here:   call round
done:   addi r11, r11, 1
        li   r2, 31
        bne  r11, r2, next
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

round:  mv   r12, ra
        li   r1, SYS_MMAP
        li   r2, 4096
        li   r3, 3
        syscall
        li   r2, 0x7fdff000
        bne  r1, r2, fail
        mv   r8, r1
        li   r3, ADDI_R1_R0
        or   r3, r3, r11
        sw   r3, 0(r8)
        li   r3, RET
        sw   r3, 4(r8)
        li   r1, SYS_MPROTECT
        mv   r2, r8
        li   r3, 4096
        li   r4, 5
        syscall
        bnez r1, fail
        li   r9, 10
call_l: jalr ra, r8, 0
        bne  r1, r11, fail
        addi r9, r9, -1
        bnez r9, call_l
        li   r1, SYS_MUNMAP
        mv   r2, r8
        li   r3, 4096
        syscall
        bnez r1, fail
        mv   ra, r12
        ret

fail:   li   r1, SYS_WRITE
        li   r2, 1
        la   r3, fail_msg
        li   r4, fail_end - fail_msg
        syscall
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

        .data
status:   .word 0
pass_msg: .ascii "blk-code-reuse: PASS\n"
pass_end:
fail_msg: .ascii "blk-code-reuse: FAIL\n"
fail_end:
