; timing-tlb.s: a covert channel through the shared TLB, between two processes.
;
; Isolation, as the contract defines it, means no process can read or change
; another's memory or registers; it does not promise that one cannot slow
; another down. Both processes share one TLB (tagged by ASID, not
; partitioned), so a sender can evict a receiver's entries, and the receiver
; can tell by timing its own loads with rdcycle: a TLB miss costs a page
; walk (2 x --walk-cycles, 40 cycles by default). No memory is shared and no
; system call carries the secret. See docs/attacks.md, "Timing channels".
;
; The parent (the receiver) forks the child (the sender). They take turns
; with yield, one bit per turn. The sender knows SECRET ("Hi"): for a 1 it
; touches 64 pages of its own, which fills every way of every set of the
; default 64-entry 4-way TLB; for a 0 it does nothing. The receiver then
; times a pass over its 16 pages: slow means the sender evicted them (1),
; fast means they were still there (0). It prints
;     timing-tlb: received "Hi" (0100100001101001) through the TLB
; The exchange fits in one quantum of the default 10000 instructions; a
; timer tick in the middle would put the two out of step (a real channel
; adds framing and error correction). Run: illusion run programs/attacks/timing-tlb.s
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_FORK, 4
        .equ SYS_WAIT, 5
        .equ SYS_YIELD, 7
        .equ SECRET, 0x4869             ; "Hi"
        .equ BITS, 16
        .equ PAGE, 4096
        .equ RECEIVER_PAGES, 16
        .equ SENDER_PAGES, 64
        .equ MARGIN, 160                ; cycles above the warm time that mean "evicted" (4 of 16 misses)

        .text
_start:
        li   r9, PAGE
        li   r1, SYS_FORK
        syscall
        beqz r1, sender

; ---- receiver ----
        li   r1, SYS_YIELD              ; the sender's first turn: its own page faults
        syscall
        call probe                      ; first touch: page faults
        call probe                      ; warm: every page in the TLB
        mv   r11, r7                    ; r11: the warm time
        addi r11, r11, MARGIN
        li   r10, BITS                  ; r10: bits left
        li   r12, 0                     ; r12: the bits received
receive:
        li   r1, SYS_YIELD              ; the sender's turn
        syscall
        call probe
        shli r12, r12, 1
        bleu r7, r11, zero_bit
        ori  r12, r12, 1
zero_bit:
        addi r10, r10, -1
        bnez r10, receive

        ; -- the two characters and the bits, into the message --
        la   r2, chars
        shri r5, r12, 8
        sb   r5, 0(r2)
        andi r5, r12, 0xff
        sb   r5, 1(r2)
        la   r2, bits_text
        li   r3, BITS
        li   r4, 0x8000
bit_char:
        and  r5, r12, r4
        sltu r5, r0, r5
        addi r5, r5, '0'
        sb   r5, 0(r2)
        addi r2, r2, 1
        shri r4, r4, 1
        addi r3, r3, -1
        bnez r3, bit_char
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, msg
        li   r4, msg_end - msg
        syscall
        li   r1, SYS_WAIT
        li   r2, 0
        syscall
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

; probe: loads one word of each receiver page; r7 = the cycles it took.
probe:  rdcycle r6
        la   r2, receiver_pages
        li   r3, RECEIVER_PAGES
probe_page:
        lw   r5, 0(r2)
        add  r2, r2, r9
        addi r3, r3, -1
        bnez r3, probe_page
        rdcycle r7
        sub  r7, r7, r6
        ret

; ---- sender ----
sender: call sweep                      ; first touch: page faults, before the receiver warms up
        li   r1, SYS_YIELD
        syscall
        li   r10, BITS - 1              ; r10: the bit to send
send:   li   r5, SECRET
        shr  r5, r5, r10
        andi r5, r5, 1
        beqz r5, send_done              ; a 0: leave the receiver's entries alone
        call sweep                      ; a 1: evict them
send_done:
        li   r1, SYS_YIELD
        syscall
        addi r10, r10, -1
        bge  r10, r0, send
        li   r1, SYS_EXIT
        li   r2, 0
        syscall

; sweep: loads one word of each sender page.
sweep:  la   r2, sender_pages
        li   r3, SENDER_PAGES
sweep_page:
        lw   r5, 0(r2)
        add  r2, r2, r9
        addi r3, r3, -1
        bnez r3, sweep_page
        ret

        .data
msg:       .ascii "timing-tlb: received \""
chars:     .ascii "??\" ("
bits_text: .ascii "????????????????) through the TLB\n"
msg_end:

        .bss
        .align 4096
receiver_pages: .space 65536            ; RECEIVER_PAGES pages
sender_pages:   .space 262144           ; SENDER_PAGES pages
