; mem-null-write.s: writes through a pointer into the null page.
;
; Not only address 0: the whole first page (0x0..0xFFF) is unmapped, so a
; store through a small bad pointer (here the last word of that page, like
; p->field with p = NULL and a large field offset) faults too. The kernel must kill
; this process with bad_access (store at 0x00000ffc) at the sw; it never prints.
        .text
_start:
        li   r2, 0                      ; a null pointer ...
        li   r3, 0x5EC12E7
        sw   r3, 0xFFC(r2)              ; ... plus an offset: still the null page
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
fail_msg: .ascii "FAIL: mem-null-write wrote to the null page\n"
fail_end:
