; print.s: line-buffered output, for programs to include:
;         .include "lib/print.s"
; (the path is relative to the including file). It switches to .text for its
; code and to .bss for its buffer; the includer's next statement should name
; its own section.
; puts: appends the zero-terminated string at r2 to the current line; at each
; "\n" (or when 80 bytes are waiting) the line goes out with a single write,
; so lines printed by different processes never mix. putnum: appends r2 as an
; unsigned decimal number. Both use r1..r5 and one word of stack.
        .text
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

; flush: sends a line that has no "\n" yet (uses r1..r4). Text printed
; without a final "\n" waits in the buffer: call flush before exit, or it is
; never written.
flush:  la   r3, line_len
        lw   r4, 0(r3)
        beqz r4, flush_done
        sw   zero, 0(r3)        ; the line is empty again
        la   r3, line           ; write(1, line, length)
        li   r1, 1
        li   r2, 1
        syscall
flush_done:
        ret

        .bss
        .align 4
line_len:   .space 4
line:       .space 80
digits:     .space 10
digits_end: .space 1            ; the zero after the digits
        .align 4                ; so that the includer's .bss words stay aligned
