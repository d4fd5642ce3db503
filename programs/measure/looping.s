; looping.s: OSTEP chapter 22's "looping sequential" workload: pages 0, 1,
; ..., 99, 0, 1, ... for 10,000 references. It is LRU's and FIFO's worst
; case: with fewer frames than the loop's 100 pages, each evicts exactly the
; page needed soonest, so every reference faults; random does not.
;   illusion sweep programs/measure/looping.s --frames 40,60,80,100,120 \
;     --policy fifo,random,clock,lru --metric faults --svg looping.svg
        .equ PAGES, 100
        .equ REFS, 10000

        .text
_start: li   r2, PAGES
        li   r3, REFS
        la   r4, next_page
        j    workload

next_page:
        mv   r2, r10            ; r10 counts 0..PAGES-1 round and round
        addi r10, r10, 1
        li   r3, PAGES
        bltu r10, r3, next_done
        li   r10, 0
next_done:
        ret

        .include "lib/workload.s"
