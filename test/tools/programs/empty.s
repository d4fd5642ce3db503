; empty: a program with no instructions (a beginner who wrote only comments,
; or put everything under .data), for the debugger's tests.
