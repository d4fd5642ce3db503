; mem-exec-heap.s: writes instructions into its heap and jumps there.
;
; The heap (grown with sbrk) is mapped rw-, never executable. This grows the
; heap by one page, copies the three words of "exit(42)" to its start (the
; stores succeed) and jumps there. The heap starts at the first page boundary
; after .bss, here 0x00003000. The kernel must kill it with bad_access (fetch
; at 0x00003000, pc 0x00003000); it never prints, never exits 42.
        .text
_start:
        li   r1, 6                     ; sbrk(4096) returns the old break
        li   r2, 4096
        syscall
        mv   r5, r1                     ; r5: the new page
        la   r2, payload
        lw   r3, 0(r2)
        sw   r3, 0(r5)
        lw   r3, 4(r2)
        sw   r3, 4(r5)
        lw   r3, 8(r2)
        sw   r3, 8(r5)
        jalr ra, 0(r5)                  ; the fetch from the heap must fault
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
payload:                                ; valid instructions: exit(42)
        li   r1, 0
        li   r2, 42
        syscall
fail_msg: .ascii "FAIL: mem-exec-heap ran code from its heap\n"
fail_end:

