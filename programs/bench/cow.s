; cow: fork over and over, each child writing to pages it shares with its
; parent, for `npm run bench` (copy-on-write faults per second).
;
; The parent first writes p into the first word of each page p of `region`
; (32 pages of .bss). Then, 64 times: it forks; the child checks that each of
; the first TOUCH pages still holds p, writes p + 1000 there (each write is a
; copy-on-write fault: the page is shared with the parent until then) and
; exits 0 (1 if a page held the wrong value); the parent waits and checks
; the status. At the end the parent checks that its own pages still hold p:
; the children's writes went to their own copies.
;
; It prints:
;   PASS: cow
; and exits 0 (on any wrong value or status: "FAIL: cow", exit 1).
; (bench/programs.ts also runs it with TOUCH set to 0, so that the difference
; between the two runs is the cost of the faults alone.)
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ PAGES, 32
        .equ TOUCH, 32          ; pages each child writes (at most PAGES)
        .equ ROUNDS, 64
        .equ PAGE_BYTES, 4096
        .equ REGION_BYTES, 131072 ; PAGES * PAGE_BYTES

        .text
_start: la   r6, region         ; page p gets the value p
        li   r7, 0
        li   r10, PAGES
init:   sw   r7, 0(r6)
        addi r6, r6, PAGE_BYTES
        addi r7, r7, 1
        bne  r7, r10, init

        li   r11, ROUNDS        ; r11 = forks left
round:  li   r1, SYS_FORK
        syscall
        beqz r1, child
        blt  r1, r0, fail
        li   r1, SYS_WAIT       ; wait(&status); status must be 0
        la   r2, status
        syscall
        blt  r1, r0, fail
        la   r2, status
        lw   r2, 0(r2)
        bnez r2, fail
        addi r11, r11, -1
        bnez r11, round

        la   r6, region         ; the parent's pages are untouched
        li   r7, 0
        li   r10, PAGES
check:  lw   r9, 0(r6)
        bne  r9, r7, fail
        addi r6, r6, PAGE_BYTES
        addi r7, r7, 1
        bne  r7, r10, check
        la   r3, s_pass
        li   r4, s_pass_end - s_pass
        li   r5, 0
        j    finish
fail:   la   r3, s_fail
        li   r4, s_fail_end - s_fail
        li   r5, 1
finish: li   r1, SYS_WRITE      ; write(1, message, length)
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r5
        syscall

; The child: page p must hold p; write p + 1000 (a copy-on-write fault).
child:  la   r6, region
        li   r7, 0
        li   r10, TOUCH
        li   r2, 0              ; exit code
        beq  r7, r10, child_done
touch:  lw   r9, 0(r6)
        beq  r9, r7, touch_ok
        li   r2, 1
touch_ok:
        addi r9, r7, 1000
        sw   r9, 0(r6)
        addi r6, r6, PAGE_BYTES
        addi r7, r7, 1
        bne  r7, r10, touch
child_done:
        li   r1, SYS_EXIT
        syscall

        .data
status: .word 0
s_pass: .ascii "PASS: cow\n"
s_pass_end:
s_fail: .ascii "FAIL: cow\n"
s_fail_end:

        .bss
        .align 4096
region: .space REGION_BYTES
