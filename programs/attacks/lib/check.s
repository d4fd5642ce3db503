; check.s: the helpers shared by the system-call and process attacks, for
; them to include:    .include "lib/check.s"
; It defines check, puts and putnum in .text and, in .data, the failure
; count `failures` and the strings they print. It leaves the section as
; .data, 4-aligned: the includer's next statement should name its section.
        .text

; check: prints "PASS: <name>" when r1 equals r5, else
; "FAIL: <name> (got r1, want r5)" and counts the failure. r2 = the name.
; Changes r1 only.
check:  push ra
        push r2
        push r6
        mv   r6, r1
        beq  r6, r5, check_pass
        la   r2, s_fail
        call puts
        lw   r2, 4(sp)
        call puts
        la   r2, s_got
        call puts
        mv   r2, r6
        call putnum
        la   r2, s_want
        call puts
        mv   r2, r5
        call putnum
        la   r2, s_close
        call puts
        lw   r1, failures(r0)
        addi r1, r1, 1
        sw   r1, failures(r0)
        j    check_done
check_pass:
        la   r2, s_pass
        call puts
        lw   r2, 4(sp)
        call puts
        la   r2, s_newline
        call puts
check_done:
        pop  r6
        pop  r2
        pop  ra
        ret

; puts: writes the zero-terminated string at r2 to stdout. Changes r1 only.
puts:   push r2
        push r3
        push r4
        mv   r3, r2
        mv   r4, r2
puts_scan:
        lbu  r1, 0(r4)
        beqz r1, puts_write
        addi r4, r4, 1
        j    puts_scan
puts_write:
        sub  r4, r4, r3
        li   r1, 1                      ; write
        li   r2, 1
        syscall
        pop  r4
        pop  r3
        pop  r2
        ret

; putnum: writes r2 as a signed decimal number. Changes r1 only.
putnum: push r2
        push r3
        push r4
        push r5
        la   r3, numbuf_end             ; digits are made backwards
        mv   r4, r2
        bge  r4, r0, putnum_digit
        neg  r4, r4
putnum_digit:
        li   r5, 10
        remu r1, r4, r5
        addi r1, r1, '0'
        addi r3, r3, -1
        sb   r1, 0(r3)
        divu r4, r4, r5
        bnez r4, putnum_digit
        bge  r2, r0, putnum_write
        li   r1, '-'
        addi r3, r3, -1
        sb   r1, 0(r3)
putnum_write:
        la   r4, numbuf_end
        sub  r4, r4, r3
        li   r1, 1                      ; write
        li   r2, 1
        syscall
        pop  r5
        pop  r4
        pop  r3
        pop  r2
        ret

        .data
failures:       .word 0
s_pass:         .asciz "PASS: "
s_fail:         .asciz "FAIL: "
s_got:          .asciz " (got "
s_want:         .asciz ", want "
s_close:        .asciz ")\n"
s_newline:      .asciz "\n"
numbuf:         .space 12
numbuf_end:
        .align 4                        ; so that the includer's words stay aligned
