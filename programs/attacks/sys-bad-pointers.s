; sys-bad-pointers.s: hands every system call that takes a pointer a bad one.
;
; write, read and wait get buffers in the null page, in the kernel half, in
; unmapped heap, in the guard page, in .text (read and wait: not writable),
; in PROT_NONE and read-only mmap pages, buffers that start on a good page and
; run into a bad one, a length of 0xFFFFFFFF and a length that wraps past
; 2^32. The kernel must answer each with exactly EFAULT (-14) and do
; nothing: no output, no byte stored (the good first page of a read that
; runs into a bad one keeps its bytes), no stdin consumed (a later good read
; still gets the input from its start), no child reaped (a later wait with a
; good pointer still gets the child and its status 42).
;
; Run it with stdin "secret input\n". It prints one "PASS: <check>" line per
; check, then "sys-bad-pointers: PASS" and exits 0; a wrong answer prints
; "FAIL: <check> (got X, want Y)" and the program ends with
; "sys-bad-pointers: FAIL" and exit code 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_READ, 2
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_SBRK, 6
        .equ SYS_YIELD, 7
        .equ SYS_MMAP, 8
        .equ EFAULT, -14
        .equ KERNEL_HALF, 0x80000000
        .equ GUARD_PAGE, 0x7FEFF000
        .equ PAGE, 4096
        .equ INPUT_LEN, 13              ; "secret input\n"

        .text
_start:
        ; -- set up: one heap page, an RW mmap page, a read-only one, a PROT_NONE one --
        li   r1, SYS_SBRK
        li   r2, PAGE
        syscall                         ; r1 = heap start; the heap is now one page
        mv   r8, r1                     ; r8: heap start
        li   r1, SYS_MMAP
        li   r2, PAGE
        li   r3, 3                      ; R|W
        syscall
        mv   r9, r1                     ; r9: RW page (the page above it is never mapped)
        li   r1, SYS_MMAP
        li   r2, PAGE
        li   r3, 1                      ; R only
        syscall
        mv   r10, r1                    ; r10: read-only page
        li   r1, SYS_MMAP
        li   r2, PAGE
        li   r3, 0                      ; no access at all
        syscall
        mv   r11, r1                    ; r11: PROT_NONE page
        lw   r12, _start(r0)            ; r12: the first word of .text, to see it never changes

        ; -- write: nothing may be printed by any of these --
        li   r2, 0
        li   r4, 4
        la   r6, n_write_null
        call try_write
        li   r2, KERNEL_HALF
        la   r6, n_write_kernel
        call try_write
        li   r2, 0xFFFFFFFC
        la   r6, n_write_top
        call try_write
        li   r2, 0x100000
        add  r2, r8, r2                 ; 1 MiB above the heap start: far past the break
        la   r6, n_write_heap
        call try_write
        li   r2, GUARD_PAGE
        la   r6, n_write_guard
        call try_write
        mv   r2, r11
        la   r6, n_write_none
        call try_write
        li   r4, 32
        addi r2, r9, PAGE - 16          ; last 16 bytes of the RW page, then the unmapped page
        la   r6, n_write_mmap_cross
        call try_write
        addi r2, r8, PAGE - 8           ; last 8 bytes of the heap, then past the break
        la   r6, n_write_heap_cross
        call try_write
        li   r2, 0x7FFFFFF0             ; the top of the stack, then the kernel half
        la   r6, n_write_stack_cross
        call try_write
        la   r2, message
        li   r4, 0xFFFFFFFF
        la   r6, n_write_len_max
        call try_write
        la   r2, message                ; len = 8 - buf: buf + len wraps to 8
        li   r4, 8
        sub  r4, r4, r2
        la   r6, n_write_len_wrap
        call try_write

        ; -- read: nothing may be stored, no input consumed --
        li   r4, 8
        li   r2, 0
        la   r6, n_read_null
        call try_read
        li   r2, KERNEL_HALF
        la   r6, n_read_kernel
        call try_read
        la   r2, _start
        la   r6, n_read_text
        call try_read
        lw   r1, _start(r0)
        mv   r5, r12
        la   r2, n_text_same
        call check
        li   r2, 0x100000
        add  r2, r8, r2
        la   r6, n_read_heap
        call try_read
        mv   r2, r10
        la   r6, n_read_ronly
        call try_read
        li   r1, 0x5A5A5A5A             ; fill the last 16 bytes of the RW page with 'Z'
        sw   r1, PAGE - 16(r9)
        sw   r1, PAGE - 12(r9)
        sw   r1, PAGE - 8(r9)
        sw   r1, PAGE - 4(r9)
        li   r4, 32
        addi r2, r9, PAGE - 16
        la   r6, n_read_cross
        call try_read
        lw   r1, PAGE - 16(r9)          ; all 16 bytes must still be 'Z'
        lw   r2, PAGE - 12(r9)
        and  r1, r1, r2
        lw   r2, PAGE - 8(r9)
        and  r1, r1, r2
        lw   r2, PAGE - 4(r9)
        and  r1, r1, r2
        li   r5, 0x5A5A5A5A
        la   r2, n_read_cross_kept
        call check
        la   r2, inbuf
        li   r4, 0xFFFFFFFF
        la   r6, n_read_len_max
        call try_read
        la   r2, inbuf
        li   r4, 8
        sub  r4, r4, r2
        la   r6, n_read_len_wrap
        call try_read
        li   r1, SYS_READ               ; a good read: the whole input, from its start
        li   r2, 0
        la   r3, inbuf
        li   r4, 64
        syscall
        li   r5, INPUT_LEN
        la   r2, n_read_good
        call check
        la   r2, inbuf                  ; compare with what the test feeds us
        la   r3, expected_input
        li   r4, INPUT_LEN
        call same_bytes
        li   r5, 1
        la   r2, n_read_good_bytes
        call check

        ; -- wait: no status stored, no child reaped --
        li   r1, SYS_FORK
        syscall
        bnez r1, parent
        li   r1, SYS_EXIT               ; the child ends at once with code 42
        li   r2, 42
        syscall
parent: mv   r7, r1                     ; r7: the child's pid
        li   r3, 20                     ; give the child time to end
let_child_end:
        li   r1, SYS_YIELD
        syscall
        addi r3, r3, -1
        bnez r3, let_child_end
        la   r2, _start
        la   r6, n_wait_text
        call try_wait
        li   r2, KERNEL_HALF
        la   r6, n_wait_kernel
        call try_wait
        li   r2, 0x100000
        add  r2, r8, r2
        la   r6, n_wait_heap
        call try_wait
        mv   r2, r10
        la   r6, n_wait_ronly
        call try_wait
        addi r2, r9, PAGE - 2           ; 2 bytes on the RW page, 2 on the unmapped one
        la   r6, n_wait_cross
        call try_wait
        lw   r1, _start(r0)
        mv   r5, r12
        la   r2, n_text_same_wait
        call check
        li   r1, SYS_WAIT               ; a good wait still finds the child
        la   r2, status
        syscall
        mv   r5, r7
        la   r2, n_wait_good
        call check
        lw   r1, status(r0)
        li   r5, 42
        la   r2, n_wait_status
        call check

        ; -- verdict --
        lw   r1, failures(r0)
        bnez r1, failed
        la   r2, s_verdict_pass
        call puts
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
failed: la   r2, s_verdict_fail
        call puts
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

; try_write: write(1, r2, r4) must return EFAULT; r6 names the check.
try_write:
        push ra
        mv   r3, r2
        li   r2, 1
        li   r1, SYS_WRITE
        syscall
        li   r5, EFAULT
        mv   r2, r6
        call check
        pop  ra
        ret

; try_read: read(0, r2, r4) must return EFAULT; r6 names the check.
try_read:
        push ra
        mv   r3, r2
        li   r2, 0
        li   r1, SYS_READ
        syscall
        li   r5, EFAULT
        mv   r2, r6
        call check
        pop  ra
        ret

; try_wait: wait(r2) must return EFAULT; r6 names the check.
try_wait:
        push ra
        li   r1, SYS_WAIT
        syscall
        li   r5, EFAULT
        mv   r2, r6
        call check
        pop  ra
        ret

; same_bytes: r1 = 1 when the r4 bytes at r2 and r3 are equal, else 0. Changes r1..r4.
same_bytes:
        push r5
same_next:
        li   r1, 1
        beqz r4, same_done
        lbu  r1, 0(r2)
        lbu  r5, 0(r3)
        addi r2, r2, 1
        addi r3, r3, 1
        addi r4, r4, -1
        beq  r1, r5, same_next
        li   r1, 0
same_done:
        pop  r5
        ret

        .include "lib/check.s"        ; check, puts, putnum and their strings

        .data
status:         .word 0
message:        .ascii "this must never be printed\n"
expected_input: .ascii "secret input\n"
n_write_null:       .asciz "write buf=0 (null page) -> EFAULT"
n_write_kernel:     .asciz "write buf=0x80000000 (kernel half) -> EFAULT"
n_write_top:        .asciz "write buf=0xFFFFFFFC (top of memory) -> EFAULT"
n_write_heap:       .asciz "write buf=unmapped heap -> EFAULT"
n_write_guard:      .asciz "write buf=guard page -> EFAULT"
n_write_none:       .asciz "write buf=PROT_NONE mmap page -> EFAULT"
n_write_mmap_cross: .asciz "write from the last mmap page into an unmapped page -> EFAULT"
n_write_heap_cross: .asciz "write from the last heap page past the break -> EFAULT"
n_write_stack_cross: .asciz "write from the top of the stack into the kernel half -> EFAULT"
n_write_len_max:    .asciz "write len=0xFFFFFFFF -> EFAULT"
n_write_len_wrap:   .asciz "write len wrapping past 2^32 -> EFAULT"
n_read_null:        .asciz "read buf=0 (null page) -> EFAULT"
n_read_kernel:      .asciz "read buf=0x80000000 (kernel half) -> EFAULT"
n_read_text:        .asciz "read buf=.text (not writable) -> EFAULT"
n_text_same:        .asciz ".text unchanged after the read"
n_read_heap:        .asciz "read buf=unmapped heap -> EFAULT"
n_read_ronly:       .asciz "read buf=read-only mmap page -> EFAULT"
n_read_cross:       .asciz "read into a good page running into an unmapped page -> EFAULT"
n_read_cross_kept:  .asciz "the good page's bytes are untouched"
n_read_len_max:     .asciz "read len=0xFFFFFFFF -> EFAULT"
n_read_len_wrap:    .asciz "read len wrapping past 2^32 -> EFAULT"
n_read_good:        .asciz "a good read after them gets all 13 bytes of input"
n_read_good_bytes:  .asciz "and they are the input from its start"
n_wait_text:        .asciz "wait status_ptr=.text -> EFAULT"
n_wait_kernel:      .asciz "wait status_ptr=0x80000000 (kernel half) -> EFAULT"
n_wait_heap:        .asciz "wait status_ptr=unmapped heap -> EFAULT"
n_wait_ronly:       .asciz "wait status_ptr=read-only mmap page -> EFAULT"
n_wait_cross:       .asciz "wait status_ptr running into an unmapped page -> EFAULT"
n_text_same_wait:   .asciz ".text unchanged after the waits"
n_wait_good:        .asciz "a good wait after them still reaps the child"
n_wait_status:      .asciz "and stores its status 42"
s_verdict_pass: .asciz "sys-bad-pointers: PASS\n"
s_verdict_fail: .asciz "sys-bad-pointers: FAIL\n"

        .bss
inbuf:  .space 64
