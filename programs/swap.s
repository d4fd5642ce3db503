; swap: uses more memory than the machine has, so the kernel must swap.
;
; It grows the heap by 600 pages (2.4 MiB) with sbrk, writes a pattern into
; every page (16 words a page, each word holding its own address XOR
; 0x5A5A5A5A, so every word of every page is different), then reads every
; word back and checks it.
;
; Run it with a small memory to see it swap:
;   illusion run programs/swap.s --frames 128 --stats
; 128 frames cannot hold 600 pages, so while writing, the page-replacement
; policy (--policy fifo, clock, lru or random) evicts pages to the swap
; device, and while reading they come back (swap_ins and swap_outs in the
; statistics). With the default 1024 frames it passes too, without swapping.
;
; It prints:
;   wrote 600 pages
;   verified 600 pages
;   PASS: swap
; and exits 0 (a wrong word: "FAIL: swap: wrong value in page N", exit 1).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_SBRK, 6
        .equ PAGES, 600
        .equ HEAP_BYTES, 2457600 ; PAGES * 4096
        .equ STRIDE, 256         ; bytes between the words written: 16 a page
        .equ PATTERN, 0x5A5A5A5A

        .text
_start:
        li   r1, SYS_SBRK       ; r6 = start of the region, r7 = its end
        li   r2, HEAP_BYTES
        syscall
        blt  r1, r0, fail
        mv   r6, r1
        li   r7, HEAP_BYTES
        add  r7, r6, r7
        li   r9, PATTERN

        mv   r8, r6             ; write pass: *p = p ^ PATTERN
write:  xor  r10, r8, r9
        sw   r10, 0(r8)
        addi r8, r8, STRIDE
        bltu r8, r7, write
        la   r2, s_wrote
        call puts

        mv   r8, r6             ; read pass: check *p == p ^ PATTERN
read:   lw   r10, 0(r8)
        xor  r11, r8, r9
        bne  r10, r11, wrong
        addi r8, r8, STRIDE
        bltu r8, r7, read
        la   r2, s_verified
        call puts
        la   r2, s_pass
        call puts
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

wrong:  la   r2, s_wrong        ; "FAIL: swap: wrong value in page N"
        call puts
        sub  r2, r8, r6
        shri r2, r2, 12
        call putnum
        la   r2, s_newline
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall
fail:   la   r2, s_fail
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

        .data
s_wrote:    .asciz "wrote 600 pages\n"
s_verified: .asciz "verified 600 pages\n"
s_pass:     .asciz "PASS: swap\n"
s_fail:     .asciz "FAIL: swap: sbrk failed\n"
s_wrong:    .asciz "FAIL: swap: wrong value in page "
s_newline:  .asciz "\n"

        .bss

        .text
; ---- print.s: line-buffered output (copied verbatim from programs/lib/print.s) ----
; puts: appends the zero-terminated string at r2 to the current line; at each
; "\n" (or when 80 bytes are waiting) the line goes out with a single write,
; so lines printed by different processes never mix. putnum: appends r2 as an
; unsigned decimal number. Both use r1..r5 and one word of stack.
puts:   la   r3, line_len
        lw   r4, 0(r3)          ; r4 = where the next byte goes
        la   r3, line
        add  r4, r3, r4
puts_char:
        lbu  r5, 0(r2)
        beqz r5, puts_done
        sb   r5, 0(r4)
        addi r4, r4, 1
        addi r2, r2, 1
        li   r1, '\n'
        beq  r5, r1, puts_flush
        addi r1, r3, 80         ; the line is full: send what we have
        bltu r4, r1, puts_char
puts_flush:
        push r2
        sub  r4, r4, r3         ; write(1, line, length)
        li   r1, 1
        li   r2, 1
        syscall
        pop  r2
        mv   r4, r3             ; the line is empty again
        j    puts_char
puts_done:
        sub  r4, r4, r3
        la   r3, line_len
        sw   r4, 0(r3)
        ret

putnum: la   r3, digits_end     ; digits come out last first: fill backwards
        li   r5, 10
putnum_digit:
        remu r4, r2, r5
        addi r4, r4, '0'
        addi r3, r3, -1
        sb   r4, 0(r3)
        divu r2, r2, r5
        bnez r2, putnum_digit
        mv   r2, r3             ; then print them as a string
        j    puts

        .bss
        .align 4
line_len:   .space 4
line:       .space 80
digits:     .space 10
digits_end: .space 1            ; the zero after the digits
; ---- end of print.s ----
