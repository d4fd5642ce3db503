; hot-cold.s: OSTEP chapter 22's "80-20" workload. 80% of 10,000 references
; go to 20 hot pages, the other 20% to the 80 cold ones, each page chosen at
; random within its group. A policy that keeps the hot pages (LRU, clock)
; faults less than one that does not look (FIFO, random) when memory holds
; more than the hot pages but fewer than all 100.
;   illusion sweep programs/measure/hot-cold.s --frames 40,60,80,100,120 \
;     --policy fifo,random,clock,lru --metric faults --svg hot-cold.svg
        .equ PAGES, 100
        .equ REFS, 10000
        .equ HOT, 20

        .text
_start: li   r2, PAGES
        li   r3, REFS
        la   r4, next_page
        j    workload

next_page:
        push ra
        call rand               ; r2 = r mod 100 picks the group, r / 100 the page
        li   r3, 100
        remu r4, r2, r3
        divu r2, r2, r3
        li   r3, 80
        bgeu r4, r3, cold
        li   r3, HOT            ; hot: page (r / 100) mod HOT
        remu r2, r2, r3
        pop  ra
        ret
cold:   li   r3, PAGES - HOT    ; cold: HOT + (r / 100) mod (PAGES - HOT)
        remu r2, r2, r3
        addi r2, r2, HOT
        pop  ra
        ret

        .include "lib/workload.s"
