; mem-privileged.s: tries to stop the whole machine with halt.
;
; halt, setptbr (switch page tables), tlbflush and iret (return from a trap)
; are privileged: only the kernel may use them, and in user mode they trap.
; A process that could run setptbr could point the MMU at any page table it
; liked, and one that could halt would stop everyone. The kernel must kill
; this process with privileged_instruction at the halt (line 13), and the
; other processes go on. The tests also run this file with the halt replaced
; by each of "setptbr r2", "tlbflush" and "iret". It never prints.
        .text
_start:
        li   r2, 0                      ; for setptbr: a "page table" at frame 0
        halt                            ; must trap: privileged
        j    survived

; Reached only if the kernel let the forbidden access through.
survived:
        li   r1, 1                      ; write(1, fail_msg, len)
        li   r2, 1
        la   r3, fail_msg
        li   r4, fail_end - fail_msg
        syscall
        li   r1, 0                      ; exit(1)
        li   r2, 1
        syscall

        .data
fail_msg: .ascii "FAIL: mem-privileged ran a privileged instruction\n"
fail_end:
