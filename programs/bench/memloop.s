; memloop: a memory loop within the TLB's reach, for `npm run bench`.
;
; `array` is 16 pages (16384 words) of .bss, fewer pages than the default
; TLB's 64 entries, so after the first pass every load and store hits. Pass
; k (k = 1..200) adds k to every word: load, add, store, step, branch,
; 5 instructions a word, 16.4 million in all. At the end every word must
; hold 1 + 2 + ... + 200 = 20100.
;
; It prints:
;   PASS: memloop
; and exits 0 (on a wrong word: "FAIL: memloop", exit 1).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ PASSES, 200
        .equ ARRAY_BYTES, 65536  ; 16 pages
        .equ EXPECTED, 20100     ; PASSES * (PASSES + 1) / 2

        .text
_start: la   r6, array          ; r6 = start, r10 = end of the array
        li   r10, ARRAY_BYTES
        add  r10, r6, r10
        li   r7, 1              ; r7 = k, the pass
        li   r11, PASSES
pass:   mv   r8, r6             ; r8 = pointer
word:   lw   r9, 0(r8)          ; array[i] += k
        add  r9, r9, r7
        sw   r9, 0(r8)
        addi r8, r8, 4
        bne  r8, r10, word
        addi r7, r7, 1
        ble  r7, r11, pass

        li   r11, EXPECTED      ; check every word
        mv   r8, r6
check:  lw   r9, 0(r8)
        bne  r9, r11, fail
        addi r8, r8, 4
        bne  r8, r10, check
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

        .data
s_pass: .ascii "PASS: memloop\n"
s_pass_end:
s_fail: .ascii "FAIL: memloop\n"
s_fail_end:

        .bss
        .align 4096
array:  .space ARRAY_BYTES
