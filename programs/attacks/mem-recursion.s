; mem-recursion.s: recurses without end until the stack runs out.
;
; Each call pushes a 64-byte frame. The stack may grow to 1 MiB (its pages are
; made as they are first touched), so call number 16385 stores its frame
; at 0x7FEFFFC0, in the guard page. The kernel must kill this process there
; with bad_access (store at 0x7fefffc0) at the sw in "down", never map the
; guard page, and free all 256 stack pages (even when some of them went to
; swap). It never prints.
        .text
_start:
        li   r2, 0                     ; r2: depth
        call down
        j    survived

down:   addi sp, sp, -64                ; a 64-byte frame ...
        sw   ra, 0(sp)                  ; ... that must fault once it reaches the guard page
        sw   r2, 4(sp)
        addi r2, r2, 1
        call down                       ; never returns
        lw   ra, 0(sp)
        addi sp, sp, 64
        ret

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
fail_msg: .ascii "FAIL: mem-recursion returned from unbounded recursion\n"
fail_end:
