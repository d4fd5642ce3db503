; row-column: the same sum over the same matrix, once row by row and once
; column by column, timed with rdcycle: locality seen through the TLB.
;
; The matrix has 256 rows of 1024 words; a row is 4096 bytes, exactly one
; page, so the matrix is 256 pages of heap (1 MiB, from sbrk). The program
; first fills it (untimed: each page's first touch is a zero-fill fault),
; then sums it twice with one loop, the same instructions per element both
; times, and prints the cycles per element with two decimals:
;   by rows: 5.04 cycles per element
;   by columns: 45.01 cycles per element
; By rows, the 1024 elements of a row share one page: one TLB miss, then
; 1023 hits. By columns, every element of a column is on another page, and a
; column's 256 pages do not fit in the default TLB (64 entries): each page's
; entry is evicted before the next column comes back to it, so every access
; misses and the MMU walks the two-level table (2 references at walk_cycles,
; 20 each). Give the TLB room for every page and the columns cost what the
; rows do:
;   illusion run programs/measure/row-column.s --tlb-entries 512 --tlb-ways 512
; or watch the knee: illusion sweep programs/measure/row-column.s
;   --tlb-entries 64,128,256,512 --tlb-ways 4
;
; The cycles depend on the TLB; the verdict does not: both sums must equal
; 256 x (0 + 1 + ... + 1023) = 134086656 (each element holds its column
; number), then it prints "PASS: row-column" and exits 0.
        .equ SYS_EXIT, 0
        .equ SYS_SBRK, 6
        .equ ROWS, 256
        .equ COLS, 1024
        .equ ROW_BYTES, 4096      ; COLS * 4: one page a row
        .equ MATRIX_BYTES, 1048576 ; ROWS * ROW_BYTES
        .equ ELEMENTS, 262144     ; ROWS * COLS
        .equ SUM, 134086656       ; ROWS * COLS * (COLS - 1) / 2

        .text
_start:
        li   r1, SYS_SBRK       ; r6 = base of the matrix
        li   r2, MATRIX_BYTES
        syscall
        blt  r1, r0, fail
        mv   r6, r1
        mv   r4, r6             ; fill: element [i][j] = j, row by row
        li   r7, ROWS
fill_row:
        li   r5, 0
fill_col:
        sw   r5, 0(r4)
        addi r4, r4, 4
        addi r5, r5, 1
        li   r3, COLS
        bne  r5, r3, fill_col
        addi r7, r7, -1
        bnez r7, fill_row

        la   r2, s_rows         ; by rows: 1024 elements 4 bytes apart, then the next row
        call puts
        li   r7, ROWS
        li   r8, ROW_BYTES
        li   r9, COLS
        li   r10, 4
        call timed_sum
        la   r2, s_columns      ; by columns: 256 elements a page apart, then the next column
        call puts
        li   r7, COLS
        li   r8, 4
        li   r9, ROWS
        li   r10, ROW_BYTES
        call timed_sum
        la   r2, s_pass
        call puts
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
fail:   la   r2, s_fail
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

; timed_sum: sums the matrix at r6 as r7 lines of r9 elements (r8 bytes from
; one line's start to the next, r10 bytes from one element to the next),
; checks the sum (fail if it is wrong) and prints "C.CC cycles per element".
; The inner loop is the same four instructions whichever way it goes.
timed_sum:
        addi sp, sp, -8         ; 0(sp) = ra, 4(sp) = the start cycle
        sw   ra, 0(sp)
        li   r11, 0             ; r11 = sum
        mv   r12, r6            ; r12 = the line's start
        rdcycle r1
        sw   r1, 4(sp)
sum_line:
        mv   r4, r12
        mv   r5, r9
sum_element:
        lw   r3, 0(r4)
        add  r11, r11, r3
        add  r4, r4, r10
        addi r5, r5, -1
        bnez r5, sum_element
        add  r12, r12, r8
        addi r7, r7, -1
        bnez r7, sum_line
        rdcycle r1
        lw   r2, 4(sp)
        sub  r7, r1, r2         ; r7 = cycles (an unsigned difference)
        li   r3, SUM
        bne  r11, r3, fail
        li   r9, ELEMENTS       ; whole cycles per element
        divu r2, r7, r9
        call putnum
        la   r2, s_point
        call puts
        li   r9, ELEMENTS       ; two decimals: (cycles mod ELEMENTS) * 100 / ELEMENTS
        remu r10, r7, r9
        li   r11, 100
        mul  r10, r10, r11
        divu r10, r10, r9
        li   r11, 10
        bge  r10, r11, two_digits
        la   r2, s_zero         ; a leading zero: 5.05, not 5.5
        call puts
two_digits:
        mv   r2, r10
        call putnum
        la   r2, s_per_element
        call puts
        lw   ra, 0(sp)
        addi sp, sp, 8
        ret

        .data
s_rows:     .asciz "by rows: "
s_columns:  .asciz "by columns: "
s_point:    .asciz "."
s_zero:     .asciz "0"
s_per_element: .asciz " cycles per element\n"
s_pass:     .asciz "PASS: row-column\n"
s_fail:     .asciz "FAIL: row-column\n"
        .text
        .include "../lib/print.s" ; puts and putnum (line-buffered output)
