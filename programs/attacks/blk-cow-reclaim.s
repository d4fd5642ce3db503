; blk-cow-reclaim.s: code in a frame the block engine compiled, rewritten
; through a copy-on-write reclaim (no copy: the writer is the last sharer).
;
; An r-x mmap page holds f1 (returns 1); the parent calls it 200 times
; (compiled), forks, and munmaps its page, so the sleeping child is the
; frame's last sharer. The child calls f1 10 times, makes the page rw-,
; writes f2 (returns 3) over it (the store reclaims the same frame, whose
; blocks are f1's), makes it r-x and calls 10 times: 10 + 30. Prints
; 000000c8 and the child's status 1e; the child prints 0000000a 0000001e
; and exits 30. A stale block would give 0000000a 00000014.
        .text
_start: li   r1, 8
        li   r2, 4096
        li   r3, 3
        syscall
        mv   r10, r1
        la   r2, f1
        call copy
        li   r1, 10
        mv   r2, r10
        li   r3, 4096
        li   r4, 5
        syscall
        li   r2, 200
        call calls
        mv   r2, r9
        call puthex
        li   r1, 4
        syscall
        beqz r1, child
        li   r1, 9              ; the parent lets go of the page: the child is its last sharer
        mv   r2, r10
        li   r3, 4096
        syscall
        li   r1, 5
        la   r2, status
        syscall
        lw   r2, status(r0)
        call puthex
        call putnl
        li   r1, 0
        li   r2, 0
        syscall
child:  li   r1, 11
        li   r2, 50
        syscall
        li   r2, 10
        call calls
        mv   r2, r9
        call puthex
        li   r1, 10
        mv   r2, r10
        li   r3, 4096
        li   r4, 3
        syscall
        la   r2, f2
        call copy          ; a reclaim, not a copy: the frame that holds the compiled f1
        li   r1, 10
        mv   r2, r10
        li   r3, 4096
        li   r4, 5
        syscall
        li   r2, 10
        call calls
        mv   r2, r9
        call puthex
        li   r1, 0
        mv   r2, r9
        syscall
; calls: r9 = sum of r2 calls of the code at r10
calls:  push ra
        push r8
        mv   r8, r2
        li   r9, 0
calls_l: jalr ra, 0(r10)
        add  r9, r9, r1
        addi r8, r8, -1
        bnez r8, calls_l
        pop  r8
        pop  ra
        ret
; copy: the 4 words at r2 to r10
copy:   li   r3, 0
copy_l: add  r4, r2, r3
        lw   r5, 0(r4)
        add  r4, r10, r3
        sw   r5, 0(r4)
        addi r3, r3, 4
        li   r4, 16
        blt  r3, r4, copy_l
        ret
f1:     addi r1, r0, 1
        addi r1, r1, 0
        addi r1, r1, 0
        ret
f2:     addi r1, r0, 2
        addi r1, r1, 1
        addi r1, r1, 0
        ret
        .include "lib/hex.s"
        .data
status: .word 0
