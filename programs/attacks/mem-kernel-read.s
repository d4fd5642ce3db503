; mem-kernel-read.s: reads the kernel half of the address space.
;
; Every address space maps all of physical memory at 0x80000000 + paddr
; (so 0x80000000 is physical address 0, the first kernel frame), but those
; pages are supervisor-only (U=0): a user load from them must fault even
; though the mapping is valid. Reading them would let a process see every
; other process's memory. The kernel must kill this process with bad_access
; (load at 0x80000000) at the lw; it never prints.
        .text
_start:
        li   r2, 0x80000000             ; physical address 0, through the kernel half
        lw   r3, 0(r2)                  ; must fault: U=0
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
fail_msg: .ascii "FAIL: mem-kernel-read read kernel memory\n"
fail_end:
