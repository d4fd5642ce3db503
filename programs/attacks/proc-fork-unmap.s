; proc-fork-unmap.s: the parent frees a page table its sleeping child still uses.
;
; 20 rounds: mmap 2 pages, write the round number in both, fork. The child
; sleeps a tick; meanwhile the parent munmaps the pages (its table for the
; span is left empty and freed), mmaps 2 fresh pages at the same address
; (they must read zero, though the freed table's frame or the old pages'
; frames may be reused) and writes 0x77777 over them. The child, whose own
; table still maps the pages copy-on-write, must read the round number in
; both, and exits 0 (else 1); the parent waits for it and checks the status.
; Prints "proc-fork-unmap: PASS" and exits 0, or "proc-fork-unmap: FAIL"
; and exits 1 (9 when the parent saw the fault itself).
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_MMAP, 8
        .equ SYS_MUNMAP, 9
        .equ SYS_SLEEP, 11
        .equ ROUNDS, 20

        .text
_start: li   r13, ROUNDS
again:  li   r1, SYS_MMAP
        li   r2, 8192
        li   r3, 3                      ; R|W
        syscall
        blt  r1, r0, fail
        mv   r12, r1
        sw   r13, 0(r12)
        sw   r13, 4096(r12)
        li   r1, SYS_FORK
        syscall
        beqz r1, child
        blt  r1, r0, fail
        li   r1, SYS_MUNMAP
        mv   r2, r12
        li   r3, 8192
        syscall
        bnez r1, fail
        li   r1, SYS_MMAP
        li   r2, 8192
        li   r3, 3
        syscall
        bne  r1, r12, fail              ; the same place again
        lw   r6, 0(r12)
        bnez r6, fail
        lw   r6, 4096(r12)
        bnez r6, fail
        li   r6, 0x77777
        sw   r6, 0(r12)
        sw   r6, 4096(r12)
        li   r1, SYS_WAIT
        la   r2, status
        syscall
        lw   r6, status(r0)
        bnez r6, failc                  ; the child saw something else
        li   r1, SYS_MUNMAP
        mv   r2, r12
        li   r3, 8192
        syscall
        addi r13, r13, -1
        bnez r13, again
        la   r3, pass
        li   r4, pass_end - pass
        li   r6, 0
        j    out
child:  li   r1, SYS_SLEEP
        li   r2, 1
        syscall
        lw   r6, 0(r12)
        bne  r6, r13, cbad
        lw   r6, 4096(r12)
        bne  r6, r13, cbad
        li   r1, SYS_EXIT
        li   r2, 0
        syscall
cbad:   li   r1, SYS_EXIT
        li   r2, 1
        syscall
failc:  la   r3, failed
        li   r4, failed_end - failed
        li   r6, 1
        j    out
fail:   la   r3, failed
        li   r4, failed_end - failed
        li   r6, 9
out:    li   r1, SYS_WRITE
        li   r2, 1
        syscall
        li   r1, SYS_EXIT
        mv   r2, r6
        syscall

        .data
status: .word 0
pass:   .ascii "proc-fork-unmap: PASS\n"
pass_end:
failed: .ascii "proc-fork-unmap: FAIL\n"
failed_end:
