; proc-memory-hog.s: takes and touches more memory than RAM and swap hold.
;
; It grows the heap by 1 MiB with sbrk and writes to every page, then maps
; 1 MiB more with mmap and writes to every page of that. Run with little
; memory (e.g. --frames 64 --swap-pages 64, 512 KiB in all) the machine runs
; out of frames and swap slots; the kernel must then kill the largest
; process, this one, with out_of_memory at the store that needed one more
; page, and leave the bystander alone. sbrk and mmap themselves succeed:
; they only reserve addresses, pages come on first touch.
;
; With enough memory it survives and prints "proc-memory-hog: FAIL the
; kernel found room for 2 MiB" (so a run that should have killed it shows
; it); when killed it prints nothing.
        .equ SYS_EXIT, 0
        .equ SYS_WRITE, 1
        .equ SYS_SBRK, 6
        .equ SYS_MMAP, 8
        .equ PAGE, 4096
        .equ PAGES, 256                 ; 1 MiB

        .text
_start:
        li   r1, SYS_SBRK
        li   r2, 0x100000
        syscall
        mv   r2, r1                     ; r2: the old break, the start of the new heap
        call touch
        li   r1, SYS_MMAP
        li   r2, 0x100000
        li   r3, 3                      ; R|W
        syscall
        mv   r2, r1
        call touch
        li   r1, SYS_WRITE
        li   r2, 1
        la   r3, survived
        li   r4, survived_end - survived
        syscall
        li   r1, SYS_EXIT
        li   r2, 1
        syscall

; touch: writes a word to each of the PAGES pages from r2 on.
touch:  li   r3, PAGES
touch_page:
        sw   r3, 0(r2)                  ; the first write to a page needs a frame
        addi r2, r2, PAGE
        addi r3, r3, -1
        bnez r3, touch_page
        ret

        .data
survived:     .ascii "proc-memory-hog: FAIL the kernel found room for 2 MiB\n"
survived_end:
