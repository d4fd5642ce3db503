; host-output-flood.s: writes 100 MiB to stdout, then one line to stderr.
;
; The kernel keeps what a process writes for the result object (--json), so
; a guest that writes without end could once fill the host's memory and lose
; every other process's result with it. Now what is kept is bounded per
; stream (--max-output, default 1 MiB) and the rest is only counted: run with
; --json, this process's stdout is its first 1 MiB of 'x', marked
; "stdout_truncated": true with "stdout_bytes": 104857600, and the bystander
; beside it keeps its exact result. Without --json the output streams and
; nothing is kept.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ CHUNK, 65536               ; bytes per write
        .equ CHUNK_WORDS, 16384
        .equ WRITES, 1600               ; 1600 x 64 KiB = 100 MiB

        .text
_start:
        la   r2, buffer                 ; fill the buffer with 'x'
        li   r3, CHUNK_WORDS
        li   r4, 0x78787878
fill:   sw   r4, 0(r2)
        addi r2, r2, 4
        addi r3, r3, -1
        bnez r3, fill
        li   r10, WRITES
flood:  li   r1, SYS_WRITE
        li   r2, 1
        la   r3, buffer
        li   r4, CHUNK
        syscall
        addi r10, r10, -1
        bnez r10, flood
        li   r1, SYS_WRITE
        li   r2, 2
        la   r3, done_msg
        li   r4, done_end - done_msg
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

        .data
done_msg: .ascii "host-output-flood: wrote 100 MiB\n"
done_end:

        .bss
        .align 4096
buffer: .space CHUNK
