; mem-stale-sbrk.s: reads heap memory after giving it back (a stale-TLB attack).
;
; It grows the heap by two pages, writes and reads both (so both are in the
; TLB), then shrinks the heap by one page. The kernel unmaps and frees a page
; wholly above the break, so it must drop its TLB entry too. The page that
; stays must still hold its data; the one given back must fault. The heap
; starts at 0x00003000 here, so the kernel must kill this process with
; bad_access (load at 0x00004000) at the last lw; it never prints.
        .text
_start:
        li   r1, 6                     ; sbrk(8192) -> old break, the heap start
        li   r2, 8192
        syscall
        blt  r1, r0, survived
        mv   r5, r1                     ; r5: first page, r5 + 4096: second page
        li   r6, 111
        li   r7, 222
        sw   r6, 0(r5)
        sw   r7, 4096(r5)
        lw   r8, 0(r5)                  ; both pages are in the TLB now
        lw   r8, 4096(r5)
        li   r1, 6                      ; sbrk(-4096): give the second page back
        li   r2, -4096
        syscall
        lw   r8, 0(r5)                  ; the first page keeps its data ...
        bne  r8, r6, survived
        lw   r8, 4096(r5)               ; ... the second must fault
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
fail_msg: .ascii "FAIL: mem-stale-sbrk read a page given back with sbrk\n"
fail_end:
