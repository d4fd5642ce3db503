; host-fork-regions.s: a process with 32,768 mmap regions forks 2,000 times.
;
; It maps 65,536 pages read-only and mprotects every second page to R|W,
; which splits the mapping into 65,536 regions (the kernel does not merge
; neighbours). Then 2,000 rounds of fork, exit, wait: fork once copied
; every region of the parent, so each fork cost the host time in proportion
; to the regions (65,536 regions: 75 ms a fork, 15 s for 200 rounds, for
; about 330,000 instructions). Now a child shares the parent's region tree
; and each copies only the path an edit changes (kernel/regionTree.ts).
; Sharing must not leak edits: in every round the child writes its round
; number into page 0 (R|W), and in the last round it also munmaps the upper
; half of the mapping and mprotects page 2 to read-only; the parent then
; checks that page 0 still holds its own word, that page 2 is still
; writable and that the top page is still mapped (a store to each).
; It prints "host-fork-regions: PASS" and exits 0, or
; "host-fork-regions: FAIL step N" and exits N.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_MMAP, 8
        .equ SYS_MUNMAP, 9
        .equ SYS_MPROTECT, 10
        .equ PAGES, 65536
        .equ BYTES, 0x10000000           ; PAGES * 4096
        .equ HALF, 0x8000000
        .equ ROUNDS, 2000
        .equ OWN, 0x5eed

        .text
_start:
        li   r1, SYS_MMAP
        li   r2, BYTES
        li   r3, 1                      ; PROT_R
        syscall
        li   r12, 1
        blt  r1, r0, fail
        mv   r10, r1                    ; r10: base of the mapping
        li   r11, 0                     ; r11: page index
split:  li   r1, SYS_MPROTECT
        shli r2, r11, 12
        add  r2, r2, r10
        li   r3, 4096
        li   r4, 3                      ; PROT_R | PROT_W
        syscall
        li   r12, 2
        bnez r1, fail
        addi r11, r11, 2
        li   r5, PAGES
        bltu r11, r5, split
        li   r5, OWN
        sw   r5, 0(r10)                 ; the parent's word in page 0

        li   r9, 0                      ; r9: round
round:  li   r1, SYS_FORK
        syscall
        li   r12, 3
        blt  r1, r0, fail
        beqz r1, child
        li   r1, SYS_WAIT
        li   r2, 0
        syscall
        li   r12, 4
        blt  r1, r0, fail
        lw   r5, 0(r10)
        li   r6, OWN
        li   r12, 5
        bne  r5, r6, fail               ; the child's store stayed its own
        addi r9, r9, 1
        li   r5, ROUNDS
        bltu r9, r5, round

        li   r5, 0x1234
        sw   r5, 8192(r10)              ; page 2: still R|W for the parent
        li   r6, BYTES - 8192
        add  r6, r6, r10
        sw   r5, 0(r6)                  ; page 65534, the highest R|W one: still mapped
        ; (a kill line here would mean the child's munmap or mprotect reached the parent)
        la   r3, pass_msg
        li   r4, pass_end - pass_msg
        li   r12, 0
        j    finish

child:  sw   r9, 0(r10)                 ; copy-on-write: the child's own page 0
        li   r5, ROUNDS - 1
        bne  r9, r5, child_done
        li   r1, SYS_MUNMAP
        li   r2, HALF
        add  r2, r2, r10
        li   r3, HALF
        syscall
        bnez r1, child_bad
        li   r1, SYS_MPROTECT
        li   r2, 8192
        add  r2, r2, r10
        li   r3, 4096
        li   r4, 1
        syscall
        bnez r1, child_bad
child_done:
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
child_bad:
        li   r1, SYS_EXIT
        li   r2, 9
        syscall

fail:   la   r3, fail_msg
        li   r4, fail_end - fail_msg
        add  r5, r3, r4
        addi r6, r12, 48
        sb   r6, -2(r5)                 ; the step's digit
finish: li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r12
        syscall

        .data
pass_msg: .ascii "host-fork-regions: PASS\n"
pass_end:
fail_msg: .ascii "host-fork-regions: FAIL step ?\n"
fail_end:
