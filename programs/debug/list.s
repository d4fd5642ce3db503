; list: looks up keys in a linked list of (key, value, next) nodes and
; exits with the sum of the values found. It has a bug: looking up a key
; that is not in the list crashes (docs/tools.md finds it with the debugger).
        .equ SYS_EXIT, 0
        .data
node1:  .word 1, 10, node2
node2:  .word 2, 20, node3
node3:  .word 3, 30, 0
        .text
_start:
        li   r2, 2
        call find               ; r1 = value of key 2 (20)
        mv   r6, r1
        li   r2, 4
        call find               ; r1 = value of key 4: not in the list
        add  r2, r6, r1
        li   r1, SYS_EXIT
        syscall

; find(key in r2) -> r1 = the value of the node holding key
find:
        la   r3, node1          ; r3 = the node looked at
find_loop:
        lw   r4, 0(r3)          ; its key
        beq  r4, r2, find_found
        lw   r3, 8(r3)          ; next node
        j    find_loop
find_found:
        lw   r1, 4(r3)
        ret
