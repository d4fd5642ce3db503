; spin: a runaway loop that never ends (for the debugger's Ctrl-C).
        .text
_start:
        li   r2, 0
spin:
        addi r2, r2, 1
        j    spin
