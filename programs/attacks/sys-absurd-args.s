; sys-absurd-args.s: calls the kernel with absurd numbers and arguments.
;
; Unknown system-call numbers, bad file descriptors, sbrk below the heap or
; by +2 GiB, mmap of length 0 or 0xFFFFFFFF or with W|X or unknown prot bits,
; munmap and mprotect of unaligned, empty or non-mmap ranges (.text, .data,
; heap, stack, kernel half), kill of pid 0, -1, 99999. Each must give
; exactly the error SPEC section 6 names and change nothing: the break is
; where it was, the mmap'd pages keep their contents and their rights.
;
; Every call is made by regcall with r2..r4 holding the arguments and r5..r15
; (sp and ra too) holding known patterns, and regcall checks afterwards that
; no register but r1 changed, as SPEC section 6 promises.
;
; Prints one "PASS: <call> -> <result>" line per call, then
; "sys-absurd-args: PASS" and exits 0. A wrong result prints
; "FAIL: <call> -> <result> (got X, want Y)", a changed register
; "FAIL: <call> -> <result>: a register other than r1 changed"; the program
; then ends with "sys-absurd-args: FAIL" and exit code 1.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_READ, 2
        .equ SYS_GETPID, 3
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_SBRK, 6
        .equ SYS_YIELD, 7
        .equ SYS_MMAP, 8
        .equ SYS_MUNMAP, 9
        .equ SYS_MPROTECT, 10
        .equ SYS_SLEEP, 11
        .equ SYS_KILL, 12
        .equ EPERM, -1
        .equ EBADF, -9
        .equ ECHILD, -10
        .equ ENOMEM, -12
        .equ EFAULT, -14
        .equ EINVAL, -22
        .equ ENOSYS, -38
        .equ PAGE, 4096

        .text
_start:
        ; -- the calls whose answer does not depend on where things are: a table --
        la   r8, cases                  ; r8: the next case
        la   r9, cases_end
table_loop:
        lw   r2, 0(r8)
        lw   r3, 4(r8)
        lw   r4, 8(r8)
        lw   r5, 12(r8)
        lw   r6, 16(r8)
        lw   r7, 20(r8)
        call expect_call
        addi r8, r8, 24
        bltu r8, r9, table_loop

        ; -- getpid, then sbrk: the break must not move on a refused sbrk --
        li   r1, SYS_GETPID
        syscall
        mv   r6, r1
        li   r2, SYS_GETPID
        la   r7, n_getpid
        call expect_call
        li   r1, SYS_SBRK
        li   r2, 0
        syscall
        mv   r10, r1                    ; r10: the heap start (nothing allocated yet)
        li   r2, SYS_SBRK
        li   r3, -PAGE
        li   r6, EINVAL
        la   r7, n_sbrk_below
        call expect_call
        li   r3, 0x80000000
        la   r7, n_sbrk_min
        call expect_call
        li   r3, 0x7FFFFFFF
        li   r6, ENOMEM
        la   r7, n_sbrk_huge
        call expect_call
        li   r3, 0
        mv   r6, r10
        la   r7, n_sbrk_same
        call expect_call
        li   r3, PAGE                   ; now one real heap page, for munmap/mprotect below
        la   r7, n_sbrk_page
        call expect_call

        ; -- a real 2-page mmap region A to aim munmap and mprotect at --
        li   r1, SYS_MMAP
        li   r2, PAGE + PAGE
        li   r3, 3
        syscall
        mv   r11, r1                    ; r11: A
        li   r1, 0x0A0A0A0A             ; mark both pages
        sw   r1, 0(r11)
        sw   r1, PAGE(r11)

        li   r2, SYS_MUNMAP
        addi r3, r11, 1
        li   r4, PAGE
        li   r6, EINVAL
        la   r7, n_munmap_unaligned
        call expect_call
        mv   r3, r11
        li   r4, 0
        la   r7, n_munmap_zero
        call expect_call
        li   r4, PAGE + PAGE + PAGE
        la   r7, n_munmap_past
        call expect_call
        li   r4, 0xFFFFFFFF
        la   r7, n_munmap_huge
        call expect_call
        addi r3, r11, -PAGE
        li   r4, PAGE + PAGE
        la   r7, n_munmap_below
        call expect_call
        mv   r3, r10
        li   r4, PAGE
        la   r7, n_munmap_heap
        call expect_call
        li   r3, PAGE                   ; .text
        la   r7, n_munmap_text
        call expect_call
        la   r3, cases                  ; .data
        shri r3, r3, 12
        shli r3, r3, 12
        la   r7, n_munmap_data
        call expect_call
        li   r3, 0x7FFFF000             ; the stack
        la   r7, n_munmap_stack
        call expect_call
        li   r3, 0x80000000             ; the kernel half
        la   r7, n_munmap_kernel
        call expect_call

        li   r2, SYS_MPROTECT
        mv   r3, r11
        li   r4, PAGE
        li   r5, 6                      ; W|X
        la   r7, n_mprotect_wx
        call expect_call
        li   r5, 8
        la   r7, n_mprotect_8
        call expect_call
        addi r3, r11, 1
        li   r5, 1
        la   r7, n_mprotect_unaligned
        call expect_call
        li   r3, PAGE                   ; .text made writable
        li   r5, 3
        la   r7, n_mprotect_text_w
        call expect_call
        li   r5, 1                      ; .text, taking away X
        la   r7, n_mprotect_text_r
        call expect_call
        mv   r3, r10                    ; heap
        la   r7, n_mprotect_heap
        call expect_call
        li   r3, 0x7FFFF000             ; stack, made executable
        li   r5, 5
        la   r7, n_mprotect_stack
        call expect_call

        ; -- A is still there, still writable, its contents kept --
        lw   r1, 0(r11)
        lw   r2, PAGE(r11)
        and  r1, r1, r2
        li   r5, 0x0A0A0A0A
        la   r2, n_a_kept
        call check
        sw   r0, 0(r11)                 ; would be killed here if A had lost W
        sw   r0, PAGE(r11)

        ; -- fork: both sides keep every register --
        li   r2, SYS_FORK
        call regcall
        bnez r1, forked_parent
        li   r1, SYS_EXIT               ; the child: exit(r2 = 1 if a register changed, else 0)
        syscall
forked_parent:
        mv   r1, r2
        li   r5, 0
        la   r2, n_fork_parent
        call check
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r1, status(r0)
        li   r5, 0
        la   r2, n_fork_child
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

; expect_call: makes system call r2 with arguments r3, r4, r5 (through regcall)
; and checks that it returns r6 and changes no register but r1; r7 names it.
; Changes r1 only.
expect_call:
        push ra
        push r2
        push r5
        call regcall
        bnez r2, expect_regs_bad
        mv   r5, r6
        mv   r2, r7
        call check
        j    expect_done
expect_regs_bad:
        la   r2, s_fail
        call puts
        mv   r2, r7
        call puts
        la   r2, s_regs_changed
        call puts
        lw   r1, failures(r0)
        addi r1, r1, 1
        sw   r1, failures(r0)
expect_done:
        pop  r5
        pop  r2
        pop  ra
        ret

; regcall: makes system call r2 with arguments r3, r4, r5 while r5..r15
; (sp and ra included) hold known patterns. Returns r1 = the call's result
; and r2 = 0 when every register but r1 came back unchanged, else 1; all
; other registers are as they were.
regcall:
        sw   sp, saved_sp(r0)
        sw   ra, saved_ra(r0)
        sw   r2, call_n(r0)
        sw   r3, call_a(r0)
        sw   r4, call_b(r0)
        sw   r5, call_c(r0)
        sw   r6, saved_r6(r0)
        sw   r7, saved_r7(r0)
        sw   r8, saved_r8(r0)
        sw   r9, saved_r9(r0)
        sw   r10, saved_r10(r0)
        sw   r11, saved_r11(r0)
        sw   r12, saved_r12(r0)
        sw   r13, saved_r13(r0)
        li   r5, 0x55550005
        li   r6, 0x66660006
        li   r7, 0x77770007
        li   r8, 0x88880008
        li   r9, 0x99990009
        li   r10, 0xAAAA000A
        li   r11, 0xBBBB000B
        li   r12, 0xCCCC000C
        li   r13, 0xDDDD000D
        li   r14, 0xEEEE000E
        li   r15, 0xFFFF000F
        lw   r1, call_n(r0)
        lw   r2, call_a(r0)
        lw   r3, call_b(r0)
        lw   r4, call_c(r0)
        syscall
        sw   r1, call_result(r0)        ; from here on r1 is the only scratch register
        lw   r1, call_a(r0)
        bne  r1, r2, regcall_bad
        lw   r1, call_b(r0)
        bne  r1, r3, regcall_bad
        lw   r1, call_c(r0)
        bne  r1, r4, regcall_bad
        li   r1, 0x55550005
        bne  r1, r5, regcall_bad
        li   r1, 0x66660006
        bne  r1, r6, regcall_bad
        li   r1, 0x77770007
        bne  r1, r7, regcall_bad
        li   r1, 0x88880008
        bne  r1, r8, regcall_bad
        li   r1, 0x99990009
        bne  r1, r9, regcall_bad
        li   r1, 0xAAAA000A
        bne  r1, r10, regcall_bad
        li   r1, 0xBBBB000B
        bne  r1, r11, regcall_bad
        li   r1, 0xCCCC000C
        bne  r1, r12, regcall_bad
        li   r1, 0xDDDD000D
        bne  r1, r13, regcall_bad
        li   r1, 0xEEEE000E
        bne  r1, r14, regcall_bad
        li   r1, 0xFFFF000F
        bne  r1, r15, regcall_bad
        li   r2, 0
        j    regcall_restore
regcall_bad:
        li   r2, 1
regcall_restore:
        lw   sp, saved_sp(r0)
        lw   ra, saved_ra(r0)
        lw   r3, call_a(r0)
        lw   r4, call_b(r0)
        lw   r5, call_c(r0)
        lw   r6, saved_r6(r0)
        lw   r7, saved_r7(r0)
        lw   r8, saved_r8(r0)
        lw   r9, saved_r9(r0)
        lw   r10, saved_r10(r0)
        lw   r11, saved_r11(r0)
        lw   r12, saved_r12(r0)
        lw   r13, saved_r13(r0)
        lw   r1, call_result(r0)
        ret

        .include "lib/check.s"        ; check, puts, putnum and their strings

        .data
status:      .word 0
call_n:      .word 0
call_a:      .word 0
call_b:      .word 0
call_c:      .word 0
call_result: .word 0
saved_sp:    .word 0
saved_ra:    .word 0
saved_r6:    .word 0
saved_r7:    .word 0
saved_r8:    .word 0
saved_r9:    .word 0
saved_r10:   .word 0
saved_r11:   .word 0
saved_r12:   .word 0
saved_r13:   .word 0

; The table: number, three arguments, the expected result, the name.
cases:
        .word 13, 0x22220002, 0x33330003, 0x44440004, ENOSYS, n_sys13
        .word 255, 0x22220002, 0x33330003, 0x44440004, ENOSYS, n_sys255
        .word 0xFFFFFFFF, 0x22220002, 0x33330003, 0x44440004, ENOSYS, n_sys_minus1
        .word 0x80000000, 0x22220002, 0x33330003, 0x44440004, ENOSYS, n_sys_min
        .word SYS_WRITE, 0, message, 4, EBADF, n_write_fd0
        .word SYS_WRITE, 3, message, 4, EBADF, n_write_fd3
        .word SYS_WRITE, 0xFFFFFFFF, message, 4, EBADF, n_write_fd_minus1
        .word SYS_WRITE, 1, message, 0, 0, n_write_len0
        .word SYS_WRITE, 1, 0, 4, EFAULT, n_write_null
        .word SYS_READ, 1, inbuf, 4, EBADF, n_read_fd1
        .word SYS_READ, 2, inbuf, 4, EBADF, n_read_fd2
        .word SYS_READ, 0xFFFFFFFF, inbuf, 4, EBADF, n_read_fd_minus1
        .word SYS_READ, 0, inbuf, 0, 0, n_read_len0
        .word SYS_WAIT, 0, 0x33330003, 0x44440004, ECHILD, n_wait_none
        .word SYS_YIELD, 0x22220002, 0x33330003, 0x44440004, 0, n_yield
        .word SYS_SLEEP, 0, 0x33330003, 0x44440004, 0, n_sleep0
        .word SYS_SLEEP, 1, 0x33330003, 0x44440004, 0, n_sleep1
        .word SYS_MMAP, 0, 3, 0x44440004, EINVAL, n_mmap_len0
        .word SYS_MMAP, PAGE, 6, 0x44440004, EINVAL, n_mmap_wx
        .word SYS_MMAP, PAGE, 7, 0x44440004, EINVAL, n_mmap_rwx
        .word SYS_MMAP, PAGE, 8, 0x44440004, EINVAL, n_mmap_prot8
        .word SYS_MMAP, PAGE, 0xFFFFFFFF, 0x44440004, EINVAL, n_mmap_prot_all
        .word SYS_MMAP, 0xFFFFFFFF, 3, 0x44440004, ENOMEM, n_mmap_huge
        .word SYS_MMAP, 0x7FE00000, 3, 0x44440004, ENOMEM, n_mmap_all
        .word SYS_KILL, 0, 0x33330003, 0x44440004, EPERM, n_kill0
        .word SYS_KILL, 0xFFFFFFFF, 0x33330003, 0x44440004, EPERM, n_kill_minus1
        .word SYS_KILL, 99999, 0x33330003, 0x44440004, EPERM, n_kill_99999
        .word SYS_KILL, 0x80000000, 0x33330003, 0x44440004, EPERM, n_kill_min
cases_end:

message:  .ascii "oops"
n_sys13:          .asciz "syscall 13 -> ENOSYS"
n_sys255:         .asciz "syscall 255 -> ENOSYS"
n_sys_minus1:     .asciz "syscall 0xFFFFFFFF -> ENOSYS"
n_sys_min:        .asciz "syscall 0x80000000 (negative) -> ENOSYS"
n_write_fd0:      .asciz "write(fd 0) -> EBADF"
n_write_fd3:      .asciz "write(fd 3) -> EBADF"
n_write_fd_minus1: .asciz "write(fd -1) -> EBADF"
n_write_len0:     .asciz "write(fd 1, len 0) -> 0"
n_write_null:     .asciz "write(fd 1, buf 0) -> EFAULT"
n_read_fd1:       .asciz "read(fd 1) -> EBADF"
n_read_fd2:       .asciz "read(fd 2) -> EBADF"
n_read_fd_minus1: .asciz "read(fd -1) -> EBADF"
n_read_len0:      .asciz "read(fd 0, len 0) -> 0"
n_wait_none:      .asciz "wait with no children -> ECHILD"
n_yield:          .asciz "yield -> 0"
n_sleep0:         .asciz "sleep(0) -> 0"
n_sleep1:         .asciz "sleep(1) -> 0"
n_mmap_len0:      .asciz "mmap(len 0) -> EINVAL"
n_mmap_wx:        .asciz "mmap(prot W|X) -> EINVAL"
n_mmap_rwx:       .asciz "mmap(prot R|W|X) -> EINVAL"
n_mmap_prot8:     .asciz "mmap(prot 8) -> EINVAL"
n_mmap_prot_all:  .asciz "mmap(prot 0xFFFFFFFF) -> EINVAL"
n_mmap_huge:      .asciz "mmap(len 0xFFFFFFFF) -> ENOMEM"
n_mmap_all:       .asciz "mmap(len 0x7FE00000) -> ENOMEM"
n_kill0:          .asciz "kill(0) -> EPERM"
n_kill_minus1:    .asciz "kill(-1) -> EPERM"
n_kill_99999:     .asciz "kill(99999) -> EPERM"
n_kill_min:       .asciz "kill(0x80000000) -> EPERM"
n_getpid:         .asciz "getpid -> its pid"
n_sbrk_below:     .asciz "sbrk(-4096) below the heap start -> EINVAL"
n_sbrk_min:       .asciz "sbrk(-0x80000000) -> EINVAL"
n_sbrk_huge:      .asciz "sbrk(+0x7FFFFFFF) -> ENOMEM"
n_sbrk_same:      .asciz "sbrk(0) -> the heap start: the break never moved"
n_sbrk_page:      .asciz "sbrk(4096) -> the heap start"
n_munmap_unaligned: .asciz "munmap(unaligned address) -> EINVAL"
n_munmap_zero:    .asciz "munmap(len 0) -> EINVAL"
n_munmap_past:    .asciz "munmap(past the end of the region) -> EINVAL"
n_munmap_huge:    .asciz "munmap(len 0xFFFFFFFF) -> EINVAL"
n_munmap_below:   .asciz "munmap(starting below the region) -> EINVAL"
n_munmap_heap:    .asciz "munmap(heap) -> EINVAL"
n_munmap_text:    .asciz "munmap(.text) -> EINVAL"
n_munmap_data:    .asciz "munmap(.data) -> EINVAL"
n_munmap_stack:   .asciz "munmap(stack) -> EINVAL"
n_munmap_kernel:  .asciz "munmap(kernel half) -> EINVAL"
n_mprotect_wx:    .asciz "mprotect(prot W|X) -> EINVAL"
n_mprotect_8:     .asciz "mprotect(prot 8) -> EINVAL"
n_mprotect_unaligned: .asciz "mprotect(unaligned address) -> EINVAL"
n_mprotect_text_w: .asciz "mprotect(.text, R|W) -> EINVAL"
n_mprotect_text_r: .asciz "mprotect(.text, R) -> EINVAL"
n_mprotect_heap:  .asciz "mprotect(heap) -> EINVAL"
n_mprotect_stack: .asciz "mprotect(stack, R|X) -> EINVAL"
n_a_kept:         .asciz "the mmap'd pages kept their contents"
n_fork_parent:    .asciz "fork: the parent's registers are kept"
n_fork_child:     .asciz "fork: the child's registers are kept (its exit status)"
s_regs_changed:   .asciz ": a register other than r1 changed\n"
s_verdict_pass: .asciz "sys-absurd-args: PASS\n"
s_verdict_fail: .asciz "sys-absurd-args: FAIL\n"

        .bss
inbuf:  .space 16
