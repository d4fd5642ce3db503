; mem-wx-policy.s: checks the W^X policy: no page is writable and executable at once.
;
; A program that makes code at run time (a JIT) must write it while the page
; is writable and then make the page read+execute before running it. So:
;   1. mmap(R|W|X) and mmap(W|X) are refused with EINVAL;
;   2. mmap(R|W) works, and the program writes "li r1, 1; ret" into the page;
;   3. mprotect(R|W|X) on it is refused with EINVAL;
;   4. mprotect(R|X) works, and calling the page returns 1;
;   5. mprotect(R|W) again, write "li r1, 2; ret", mprotect(R|X): calling it
;      now returns 2 (never the old code, never a stale translation);
;   6. the R|X page can still be read.
; Prints "mem-wx-policy: PASS W^X held" and exits 0, or
; "mem-wx-policy: FAIL at step N" and exits 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_MMAP, 8
        .equ SYS_MPROTECT, 10
        .equ PROT_R, 1
        .equ PROT_W, 2
        .equ PROT_X, 4
        .equ EINVAL, -22

        .text
_start:
        li   r10, 1                     ; r10: the step being checked
        li   r1, SYS_MMAP               ; 1. W+X is refused by mmap
        li   r2, 4096
        li   r3, PROT_R + PROT_W + PROT_X
        syscall
        li   r6, EINVAL
        bne  r1, r6, fail
        li   r1, SYS_MMAP
        li   r3, PROT_W + PROT_X
        syscall
        bne  r1, r6, fail

        li   r10, 2                     ; 2. a RW page, with code written into it
        li   r1, SYS_MMAP
        li   r3, PROT_R + PROT_W
        syscall
        blt  r1, r0, fail
        mv   r5, r1                     ; r5: the page
        la   r2, code_one
        call copy_code

        li   r10, 3                     ; 3. W+X is refused by mprotect
        li   r4, PROT_R + PROT_W + PROT_X
        call protect
        bne  r1, r6, fail

        li   r10, 4                     ; 4. R|X is allowed, and the code runs
        li   r4, PROT_R + PROT_X
        call protect
        bnez r1, fail
        jalr ra, 0(r5)                  ; r1 = 1
        li   r7, 1
        bne  r1, r7, fail

        li   r10, 5                     ; 5. rewrite it: RW, new code, RX, run
        li   r4, PROT_R + PROT_W
        call protect
        bnez r1, fail
        la   r2, code_two
        call copy_code
        li   r4, PROT_R + PROT_X
        call protect
        bnez r1, fail
        jalr ra, 0(r5)                  ; r1 = 2
        li   r7, 2
        bne  r1, r7, fail

        li   r10, 6                     ; 6. an R|X page is readable
        lw   r7, 0(r5)
        la   r2, code_two
        lw   r8, 0(r2)
        bne  r7, r8, fail

        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        li   r2, 0
        j    finish

fail:   la   r3, fail_digit
        addi r2, r10, '0'
        sb   r2, 0(r3)
        la   r3, fail_msg
        li   r4, fail_end - fail_msg
        li   r2, 1
finish: mv   r9, r2
        li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r9
        syscall

; copy_code(r2 = two words of code, r5 = the page): copies them to the page.
copy_code:
        lw   r3, 0(r2)
        sw   r3, 0(r5)
        lw   r3, 4(r2)
        sw   r3, 4(r5)
        ret

; protect(r4 = prot): r1 = mprotect(r5, 4096, r4).
protect:
        li   r1, SYS_MPROTECT
        mv   r2, r5
        li   r3, 4096
        syscall
        ret

        .data
code_one:                               ; copied into the page, never run from here
        li   r1, 1
        ret
code_two:
        li   r1, 2
        ret
pass_msg: .ascii "mem-wx-policy: PASS W^X held\n"
pass_end:
fail_msg: .ascii "mem-wx-policy: FAIL at step "
fail_digit: .ascii "?\n"
fail_end:
