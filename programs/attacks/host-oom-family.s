; host-oom-family.s: spreads its memory over many small sleeping children.
;
; The parent stays small; it forks CHILDREN children, each of which writes to
; PAGES pages of its own (once the bystander holds its 16) and then sleeps, so that no single process of the
; family is larger than the bystander (about 22 pages) while together they
; fill memory and swap. An out-of-memory killer that looked only at single
; processes would pick the bystander. The kernel counts a process's lineage
; (kernel/oomVictim.ts): the family holds the most, so its largest member,
; a child, dies instead. The parent waits for every child and prints how
; many exited and how many were killed out_of_memory:
;     host-oom-family: E exited, K killed out_of_memory
; and exits 0 (1 if a child ended any other way).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_SLEEP, 11
        .equ CHILDREN, 40
        .equ PAGES, 8
        .equ PAGE, 4096
        .equ WAKE_TICKS, 15              ; the bystander has filled its 16 pages by then
        .equ SLEEP_TICKS, 200
        .equ STATUS_OOM, 263            ; 256 + out_of_memory (7)

        .text
_start:
        li   r10, 0                     ; r10: children forked
spawn:  li   r1, SYS_FORK
        syscall
        beqz r1, child
        addi r10, r10, 1
        li   r5, CHILDREN
        bltu r10, r5, spawn

        li   r11, 0                     ; r11: exited
        li   r12, 0                     ; r12: killed out_of_memory
        li   r13, 0                     ; r13: ended otherwise
reap:   li   r1, SYS_WAIT
        la   r2, status
        syscall
        blt  r1, r0, report             ; ECHILD: all reaped
        lw   r5, 0(r2)
        li   r6, STATUS_OOM
        beq  r5, r6, oom
        bnez r5, other
        addi r11, r11, 1
        j    reap
oom:    addi r12, r12, 1
        j    reap
other:  addi r13, r13, 1
        j    reap

report: la   r3, line                   ; "host-oom-family: E exited, K killed out_of_memory\n"
        la   r2, prefix
        call append
        mv   r2, r11
        call number
        la   r2, middle
        call append
        mv   r2, r12
        call number
        la   r2, suffix
        call append
        li   r1, SYS_WRITE
        li   r2, 1
        la   r4, line
        sub  r4, r3, r4
        la   r3, line
        syscall
        li   r1, SYS_EXIT
        sltu r2, r0, r13                ; 1 if any child ended otherwise
        syscall

; child: sleep until the bystander has filled its array, write to PAGES
; pages, sleep again (holding them), then exit 0.
child:  li   r1, SYS_SLEEP
        li   r2, WAKE_TICKS
        syscall
        la   r2, pages
        li   r3, PAGES
touch:  sw   r3, 0(r2)
        li   r5, PAGE
        add  r2, r2, r5
        addi r3, r3, -1
        bnez r3, touch
        li   r1, SYS_SLEEP
        li   r2, SLEEP_TICKS
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

; append(r2 = zero-terminated string, r3 = where): copies it; r3 = just past it.
append: lbu  r5, 0(r2)
        beqz r5, append_done
        sb   r5, 0(r3)
        addi r2, r2, 1
        addi r3, r3, 1
        j    append
append_done:
        ret

; number(r2 = value, r3 = where): its unsigned decimal digits; r3 = just past them.
number: la   r4, digits_end
        li   r6, 10
number_digit:
        remu r5, r2, r6
        addi r5, r5, '0'
        addi r4, r4, -1
        sb   r5, 0(r4)
        divu r2, r2, r6
        bnez r2, number_digit
        la   r6, digits_end
number_copy:
        lbu  r5, 0(r4)
        sb   r5, 0(r3)
        addi r4, r4, 1
        addi r3, r3, 1
        bltu r4, r6, number_copy
        ret

        .data
status:     .word 0
prefix:     .asciz "host-oom-family: "
middle:     .asciz " exited, "
suffix:     .asciz " killed out_of_memory\n"
digits:     .space 10
digits_end:
line:       .space 80

        .bss
        .align 4096
pages:  .space 32768                    ; PAGES pages
