; bystander.s: an innocent program that runs beside every attack.
;
; It fills a 64 KiB array in .bss (16 pages) with pseudo-random words,
; hashing each value in a register as it goes, yields, then reads the whole
; array back and hashes it again from memory. Both hashes must agree: if
; another process (or a stale TLB entry) ever changed one of its pages, or
; gave it someone else's, they would not. It does this for ROUNDS rounds
; (about 250,000 instructions, so many quanta and timer ticks), yielding
; between the phases, then prints
;
;     bystander: PASS checksum=<the final hash, unsigned decimal>
;
; and exits 0; on a mismatch it prints "bystander: FAIL ..." and exits 1.
        .equ WORDS, 16384               ; 64 KiB / 4
        .equ BYTES, 65536
        .equ ROUNDS, 1
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_YIELD, 7

        .text
_start:
        li   r12, 12345                 ; r12: the generator's state
        li   r11, 0                     ; r11: the hash carried across rounds
        li   r10, ROUNDS                ; r10: rounds left
round:
        ; -- fill: a[i] = next random; r5 = hash of what was written --
        la   r2, array                  ; r2: pointer
        li   r3, WORDS                  ; r3: words left
        li   r6, 1103515245             ; LCG multiplier
        mv   r5, r11
fill:   mul  r12, r12, r6
        addi r12, r12, 12345
        sw   r12, 0(r2)
        shli r7, r5, 5                  ; hash = hash * 33 + value
        add  r5, r5, r7
        add  r5, r5, r12
        addi r2, r2, 4
        addi r3, r3, -1
        bnez r3, fill
        li   r1, SYS_YIELD              ; let the others run while ours sits in memory
        syscall

        ; -- check: hash the array again, this time from memory --
        la   r2, array
        li   r3, WORDS
        mv   r4, r11
check:  lw   r8, 0(r2)
        shli r7, r4, 5
        add  r4, r4, r7
        add  r4, r4, r8
        addi r2, r2, 4
        addi r3, r3, -1
        bnez r3, check
        bne  r4, r5, fail
        mv   r11, r4
        li   r1, SYS_YIELD
        syscall
        addi r10, r10, -1
        bnez r10, round

        ; -- pass: print the verdict and checksum in one write --
        mv   r2, r11
        call format_unsigned            ; r3 = end of the line
        la   r2, pass_msg
        sub  r3, r3, r2
        call print
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

fail:   la   r2, fail_msg
        li   r3, fail_end - fail_msg
        call print
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

; print(r2 = buffer, r3 = length): write to stdout.
print:  push r4
        mv   r4, r3
        mv   r3, r2
        li   r2, 1
        li   r1, SYS_WRITE
        syscall
        pop  r4
        ret

; format_unsigned(r2 = value): puts its unsigned decimal digits and "\n"
; at pass_end; returns r3 = the address just past the newline.
format_unsigned:
        la   r3, digits_end             ; digits are made backwards ...
        li   r4, 10
digit:  remu r5, r2, r4
        addi r5, r5, '0'
        addi r3, r3, -1
        sb   r5, 0(r3)
        divu r2, r2, r4
        bnez r2, digit
        la   r4, pass_end               ; ... then copied after the message
        la   r6, digits_end
copy:   lbu  r5, 0(r3)
        sb   r5, 0(r4)
        addi r3, r3, 1
        addi r4, r4, 1
        bltu r3, r6, copy
        li   r5, '\n'
        sb   r5, 0(r4)
        addi r3, r4, 1
        ret

        .data
pass_msg: .ascii "bystander: PASS checksum="
pass_end: .space 12                     ; room for 10 digits and "\n"
fail_msg: .ascii "bystander: FAIL the array changed under it\n"
fail_end:
digits:   .space 10
digits_end:

        .bss
        .align 4096
array:  .space BYTES
