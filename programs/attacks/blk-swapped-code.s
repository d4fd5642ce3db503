; blk-swapped-code.s: compiled code whose pages are swapped out and back in
; (perhaps to other frames) between calls, with a block that crosses them.
;
; It copies a 9-instruction function into two mmap'd pages so that it
; starts 4 words before the boundary (its 5th instruction is the second
; page's first word), mprotects them r-x and calls it 400 times. Between
; calls it writes one word into each of 20 heap pages, so that on a small
; machine the (dirty) code pages are evicted to swap and read back. The
; function folds the call count into r10; after 400 calls r10 must be
; 0x00001BD0 (what the interpreter computes with memory to spare). Prints
; "blk-swapped-code: PASS" and exits 0, else "blk-swapped-code: FAIL",
; exit 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_SBRK, 6
        .equ SYS_MMAP, 8
        .equ SYS_MPROTECT, 10
        .equ PAGE, 4096
        .equ CALLS, 400
        .equ HEAP_PAGES, 20
        .equ HEAP_BYTES, 81920            ; HEAP_PAGES pages
        .equ EXPECTED, 0x1bd0

        .text
_start: li   r1, SYS_MMAP
        li   r2, 8192
        li   r3, 3
        syscall
        blt  r1, r0, fail
        mv   r8, r1
        li   r9, 0x0ff0
        add  r9, r9, r8                 ; r9: the function, across the boundary
        la   r2, code
        mv   r4, r9
        li   r3, 10
copy:   lw   r5, 0(r2)
        sw   r5, 0(r4)
        addi r2, r2, 4
        addi r4, r4, 4
        addi r3, r3, -1
        bnez r3, copy
        li   r1, SYS_MPROTECT
        mv   r2, r8
        li   r3, 8192
        li   r4, 5
        syscall
        bnez r1, fail
        li   r1, SYS_SBRK
        li   r2, HEAP_BYTES
        syscall
        blt  r1, r0, fail
        mv   r13, r1                    ; r13: the heap
        li   r11, 0                     ; r11: calls so far
again:  jalr ra, r9, 0
        li   r3, 0
        mv   r4, r13
dirty:  sw   r11, 0(r4)
        li   r5, PAGE
        add  r4, r4, r5
        addi r3, r3, 1
        slti r5, r3, HEAP_PAGES
        bnez r5, dirty
        addi r11, r11, 1
        li   r2, CALLS
        bne  r11, r2, again
        li   r2, EXPECTED
        bne  r10, r2, fail
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
fail:   li   r1, SYS_WRITE
        li   r2, 1
        la   r3, fail_msg
        li   r4, fail_end - fail_msg
        syscall
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

code:   addi r10, r10, 3                ; copied, never run here
        xor  r10, r10, r11
        addi r10, r10, 5
        shli r10, r10, 1                ; the first page's last word
        addi r10, r10, 7                ; the second page's first word
        xor  r10, r10, r11
        srai r10, r10, 1
        addi r10, r10, 11
        ret
        nop

        .data
pass_msg: .ascii "blk-swapped-code: PASS\n"
pass_end:
fail_msg: .ascii "blk-swapped-code: FAIL\n"
fail_end:
