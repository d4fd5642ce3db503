; random-pages.s: OSTEP chapter 22's "no locality" workload: each of 10,000
; references goes to one of 100 pages picked at random. With no locality to
; exploit every policy faults about as often: the hit rate follows the
; share of the pages that fit in memory.
;   illusion sweep programs/measure/random-pages.s --frames 40,60,80,100,120 \
;     --policy fifo,random,clock,lru --metric faults --svg random-pages.svg
        .equ PAGES, 100
        .equ REFS, 10000

        .text
_start: li   r2, PAGES
        li   r3, REFS
        la   r4, next_page
        j    workload

next_page:
        push ra
        call rand               ; r2 = rand mod PAGES
        li   r3, PAGES
        remu r2, r2, r3
        pop  ra
        ret

        .include "lib/workload.s"
