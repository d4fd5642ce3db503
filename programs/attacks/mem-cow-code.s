; mem-cow-code.s: rewrites code that a forked child shares, and checks that
; the child still runs the old code.
;
; The parent writes a tiny function ("r1 = 11; ret") into an RW mmap page,
; mprotects it r-x and calls it 50 times, so that the block engine compiles
; it (docs/engine.md). It forks: the child shares the page copy-on-write and
; sleeps. The parent mprotects the page RW (so its next store breaks the
; copy-on-write), rewrites the function to "r1 = 22; ret", mprotects it r-x
; again and calls it 50 times. The child wakes and calls its copy 50 times:
; the old code must run (550), never the parent's new one (1100). The child
; exits 0 if so, else 1; the parent checks its own sums and the child's
; status and prints "mem-cow-code: PASS the child kept its code", exit 0,
; or "mem-cow-code: FAIL ...", exit 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_MMAP, 8
        .equ SYS_MPROTECT, 10
        .equ SYS_SLEEP, 11
        .equ PROT_RW, 3
        .equ PROT_RX, 5

        .text
_start:
        li   r1, SYS_MMAP               ; r8 = the code page
        li   r2, 4096
        li   r3, PROT_RW
        syscall
        blt  r1, r0, fail
        mv   r8, r1
        la   r2, code_old
        call copy
        li   r4, PROT_RX
        call protect
        call hot
        li   r2, 550
        bne  r10, r2, fail

        li   r1, SYS_FORK
        syscall
        blt  r1, r0, fail
        beqz r1, child

        li   r4, PROT_RW                ; the parent rewrites its copy
        call protect
        la   r2, code_new
        call copy
        li   r4, PROT_RX
        call protect
        call hot
        li   r2, 1100
        bne  r10, r2, fail
        li   r1, SYS_WAIT               ; the child's verdict is its status
        la   r2, status
        syscall
        lw   r2, status(r0)
        bnez r2, fail
        call hot                        ; and the parent still runs its new code
        li   r2, 1100
        bne  r10, r2, fail
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        li   r5, 0
        j    finish

child:  li   r1, SYS_SLEEP              ; let the parent rewrite first
        li   r2, 2
        syscall
        call hot
        li   r2, 550
        bne  r10, r2, child_bad
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
child_bad:
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

fail:   la   r3, fail_msg
        li   r4, fail_end - fail_msg
        li   r5, 1
finish: li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r5
        syscall

; protect: mprotect(r8, 4096, r4); a refusal fails the run.
protect:
        li   r1, SYS_MPROTECT
        mv   r2, r8
        li   r3, 4096
        syscall
        bnez r1, fail
        ret

; hot: r10 = the sum of 50 calls of the function at r8.
hot:    push ra
        li   r9, 50
        li   r10, 0
hot_loop:
        jalr ra, 0(r8)
        add  r10, r10, r1
        addi r9, r9, -1
        bnez r9, hot_loop
        pop  ra
        ret

; copy: the function's two words from r2 to the code page.
copy:   lw   r3, 0(r2)
        sw   r3, 0(r8)
        lw   r3, 4(r2)
        sw   r3, 4(r8)
        ret

        .data
code_old:
        addi r1, r0, 11                 ; data here: copied, then run from the mmap page
        ret
code_new:
        addi r1, r0, 22
        ret
status: .word 0
pass_msg:
        .ascii "mem-cow-code: PASS the child kept its code\n"
pass_end:
fail_msg:
        .ascii "mem-cow-code: FAIL a process ran code it did not write\n"
fail_end:
