// What a student who knows gdb types first (found by dbg23): print, info reg,
// x/4x, set $r1 = 5, bt full, list. Each works as gdb's does, or says what
// does the same here.
import { expect, test } from 'vitest';
import { transcript } from './debugSession.js';

test('print shows a register, a label or an expression, and *EXPR the word there', () => {
  expect(transcript(['test/tools/programs/habits.s'], ['step 5', 'p r1', 'print $r3', 'p buf', 'p *buf', 'p *buf+4', 'p sp-4', 'p', 'p nowhere']).slice(4)).toEqual([
    '(illusion) p r1',
    'r1 = 0xffffffff (4294967295, -1 signed)',
    '(illusion) print $r3',
    '$r3 = 0x00000007 (7)',
    '(illusion) p buf',
    'buf = 0x00002000 (8192)',
    '(illusion) p *buf',
    '*buf = 0x00000005 (5)',
    '(illusion) p *buf+4',
    '*buf+4 = 0x00000007 (7)',
    '(illusion) p sp-4',
    'sp-4 = 0x7ffffffc (2147483644)',
    '(illusion) p',
    'print: give an expression, e.g. print r1, print buf+4, print *sp (help print)',
    '(illusion) p nowhere',
    "'nowhere' is neither a number, a register nor a label of habits.s",
  ]);
});

test('info reg, x/4x, set $r = v and bt full are taken as gdb takes them; list and display say what does the same', () => {
  expect(transcript(['test/tools/programs/habits.s'], ['info reg', 'x/2x buf', 'x/2w buf', 'x/s buf', 'set $r5 = 9', 'set r6=10', 'bt full', 'list', 'display r1']).slice(2)).toEqual([
    '(illusion) info reg',
    ' r0 0x00000000   r1 0x00000000   r2 0x00000000   r3 0x00000000',
    ' r4 0x00000000   r5 0x00000000   r6 0x00000000   r7 0x00000000',
    ' r8 0x00000000   r9 0x00000000  r10 0x00000000  r11 0x00000000',
    'r12 0x00000000   fp 0x00000000   sp 0x80000000   ra 0x00000000',
    ' pc 0x00001000  instructions 0  cycles 0',
    '(illusion) x/2x buf',
    '0x00002000: 0x00000005 0x00000000  |........|  (from the image: not loaded yet)',
    '(illusion) x/2w buf',
    '0x00002000: 0x00000005 0x00000000  |........|  (from the image: not loaded yet)',
    '(illusion) x/s buf',
    '0x00002000: "\\x05"',
    '(illusion) set $r5 = 9',
    'r5 = 0x00000009 in pid 1',
    '(illusion) set r6=10',
    'r6 = 0x0000000a in pid 1',
    '(illusion) bt full',
    '#0  0x00001000 in _start (habits.s:4)',
    '(illusion) list',
    "unknown command 'list': disasm shows the code around pc with its source lines (disasm ADDR N for elsewhere)",
    '(illusion) display r1',
    "unknown command 'display': print EXPR shows a value once (regs shows every register)",
  ]);
});

// Found by dbg23: a typo in a command name got only 'type help for the list'.
test('a mistyped command gets the nearest command name', () => {
  expect(transcript(['test/tools/programs/habits.s'], ['contnue', 'brak _start', 'regz', 'frobnicate']).slice(2)).toEqual([
    '(illusion) contnue',
    "unknown command 'contnue'; did you mean 'continue'? (help lists the commands)",
    '(illusion) brak _start',
    "unknown command 'brak'; did you mean 'break'? (help lists the commands)",
    '(illusion) regz',
    "unknown command 'regz'; did you mean 'regs'? (help lists the commands)",
    '(illusion) frobnicate',
    "unknown command 'frobnicate': type help for the list",
  ]);
});

test('a mistyped label gets the nearest label of the program, in x, watch and break alike', () => {
  expect(transcript(['programs/debug/forkwatch.s'], ['x countr', 'watch cuonter', 'break forkd', 'x nothinglike'])).toEqual([
    'illusion debug: pid 1 (forkwatch.s). Type help for the commands.',
    'pid 1 (forkwatch.s) at 0x00001000  lui r4, 0x0  ; 13: la   r4, counter',
    '(illusion) x countr',
    "'countr' is neither a number, a register nor a label of forkwatch.s; did you mean 'counter'?",
    '(illusion) watch cuonter',
    "'cuonter' is neither a number, a register nor a label of forkwatch.s; did you mean 'counter'?",
    '(illusion) break forkd',
    "'forkd' is neither a number, a register nor a label of forkwatch.s; did you mean 'forked'?",
    '(illusion) x nothinglike',
    "'nothinglike' is neither a number, a register nor a label of forkwatch.s",
  ]);
});

// gdb's habit on a C program: 'break exit'. Here exit is no function but system call 0 (asm/syscallNames.ts).
test('break on a system call\'s name says it is one and how to stop at system calls; a program\'s own constant of that name still wins', () => {
  expect(transcript(['programs/hello.s'], ['break exit', 'print SYS_write', 'break-trap syscall', 'continue']).slice(2)).toEqual([
    '(illusion) break exit',
    "'exit' is neither a number, a register nor a label of hello.s; exit is system call 0, not a label: break-trap syscall stops after each system call",
    '(illusion) print SYS_write',
    "'SYS_write' is neither a number, a register nor a label of hello.s; write is system call 1, not a label: break-trap syscall stops after each system call",
    '(illusion) break-trap syscall',
  ].concat(transcript(['programs/hello.s'], ['break-trap syscall', 'continue']).slice(3)));
  expect(transcript(['programs/cow.s'], ['print SYS_EXIT', 'print SYS_exit']).slice(2)).toEqual([
    '(illusion) print SYS_EXIT',
    'SYS_EXIT = 0x00000000 (0)',
    '(illusion) print SYS_exit',
    "'SYS_exit' is neither a number, a register nor a label of cow.s; exit is system call 0, not a label: break-trap syscall stops after each system call",
  ]);
});

test('continue N goes on past N - 1 breakpoint stops, as gdb\'s does; info tlb and info frames are the tlb and frames commands', () => {
  const lines = transcript(['programs/measure/row-column.s'], ['break sum_element', 'run', 'continue 1000', 'print r3', 'continue 0', 'info tlb', 'info frames 2', 'delete', 'continue 5']);
  const at = (cmd: string) => lines.indexOf(`(illusion) ${cmd}`);
  expect(lines.slice(at('continue 1000'), at('continue 1000') + 3)).toEqual([
    '(illusion) continue 1000',
    '(went on past 999 stops at a breakpoint or watchpoint)',
    'breakpoint 1, pid 1 at 0x000010cc (sum_element, row-column.s:94)',
  ]);
  // Stopped before the load of element 1000 of row 0 (which holds 0, 1, 2, ...): the 1000 loads since run's stop read 0 to 999.
  expect(lines[at('print r3') + 1]).toBe('r3 = 0x000003e7 (999)');
  expect(lines[at('continue 0') + 1]).toBe("'0' is not a count (a whole number from 1)");
  expect(lines[at('info tlb') + 1]).toBe('TLB: 64 entries, 16 sets x 4 ways, lru, ASIDs on, hardware refill; 64 valid');
  expect(lines[at('info frames 2') + 1]).toBe('info frames takes no argument (it shows the whole machine)');
  // No breakpoint left: continue 5 runs to the end at its first stop, and says nothing of stops passed.
  expect(lines.slice(at('continue 5') + 1, at('continue 5') + 4)).toEqual(['by rows: 5.04 cycles per element', 'by columns: 45.01 cycles per element', 'PASS: row-column']);
});

// Found by student25: p/x r2 was refused, disassemble was unknown with no hint,
// and up, frame 1, condition and ignore got 'did you mean p' or 'frames' (the frame table).
test('p/x and disassemble are taken as gdb takes them; frame, up, down, condition and ignore say what does the same', () => {
  expect(transcript(['test/tools/programs/habits.s'], [
    'step 5', 'p/x r3', 'print/d $r3', 'p/t r3', 'disassemble _start 2', 'up', 'down', 'frame 1', 'f', 'info frame', 'info all-registers', 'condition 1 r2==0', 'ignore 1 3',
  ]).slice(4)).toEqual([
    '(illusion) p/x r3',
    'r3 = 0x00000007 (7)',
    '(illusion) print/d $r3',
    '$r3 = 0x00000007 (7)',
    '(illusion) p/t r3',
    'p: /t is not a format print has; print shows a value in hex and decimal at once (p/x and p/d are the same as p)',
    '(illusion) disassemble _start 2',
    '_start:',
    '   0x00001000  1110ffff  addi r1, r0, -1           ; 4: _start: li   r1, -1',
    '   0x00001004  1f200000  lui r2, 0x0               ; 5: la   r2, buf',
    '(illusion) up',
    "unknown command 'up': bt lists every frame at once, each with its call site and line; there is no selected frame (x sp+N reads what a frame saved on the stack; frames is the physical frame table)",
    '(illusion) down',
    "unknown command 'down': bt lists every frame at once, each with its call site and line; there is no selected frame (x sp+N reads what a frame saved on the stack; frames is the physical frame table)",
    '(illusion) frame 1',
    "unknown command 'frame': bt lists every frame at once, each with its call site and line; there is no selected frame (x sp+N reads what a frame saved on the stack; frames is the physical frame table)",
    '(illusion) f',
    "unknown command 'f': bt lists every frame at once, each with its call site and line; there is no selected frame (x sp+N reads what a frame saved on the stack; frames is the physical frame table)",
    '(illusion) info frame',
    "info frame: bt lists every frame at once, each with its call site and line; there is no selected frame (x sp+N reads what a frame saved on the stack; info frames is the physical frame table)",
    '(illusion) info all-registers',
    ' r0 0x00000000   r1 0xffffffff   r2 0x00002000   r3 0x00000007',
    ' r4 0x00000000   r5 0x00000000   r6 0x00000000   r7 0x00000000',
    ' r8 0x00000000   r9 0x00000000  r10 0x00000000  r11 0x00000000',
    'r12 0x00000000   fp 0x00000000   sp 0x80000000   ra 0x00000000',
    ' pc 0x00001014  instructions 5  cycles 2145',
    '(illusion) condition 1 r2==0',
    "unknown command 'condition': breakpoints have no conditions here: continue N goes on past N - 1 stops (gdb's ignore), and watch REG stops when a register changes",
    '(illusion) ignore 1 3',
    "unknown command 'ignore': breakpoints have no conditions here: continue N goes on past N - 1 stops (gdb's ignore), and watch REG stops when a register changes",
  ]);
});

// Found by student25: next stopped in the middle of `la r2, buf` (two words, one line); gdb's next steps a source line.
test('next runs a whole source line, both words of la included; nexti runs one instruction', () => {
  expect(transcript(['test/tools/programs/habits.s'], ['next', 'next', 'restart', 'next', 'nexti', 'next', 'ni']).slice(2)).toEqual([
    '(illusion) next',
    'pid 1 (habits.s) at 0x00001004  lui r2, 0x0  ; 5: la   r2, buf',
    '(illusion) next',
    'pid 1 (habits.s) at 0x0000100c  addi r3, r0, 7  ; 6: li   r3, 7',
    '(illusion) restart',
    'restarted: pid 1 (habits.s); 0 breakpoints kept',
    'pid 1 (habits.s) at 0x00001000  addi r1, r0, -1  ; 4: _start: li   r1, -1',
    '(illusion) next',
    'pid 1 (habits.s) at 0x00001004  lui r2, 0x0  ; 5: la   r2, buf',
    '(illusion) nexti',
    'pid 1 (habits.s) at 0x00001008  ori r2, r2, 0x2000  ; 5: la   r2, buf',
    '(illusion) next',
    'pid 1 (habits.s) at 0x0000100c  addi r3, r0, 7  ; 6: li   r3, 7',
    '(illusion) ni',
    'pid 1 (habits.s) at 0x00001010  sw r3, 4(r2)  ; 7: sw   r3, 4(r2)',
  ]);
});

// Found by student25: `info registers r2` answered "'r2' is not a pid"; rwatch and awatch only got "did you mean 'watch'".
test('info registers REG shows those registers as print does; rwatch and awatch point to watch page', () => {
  expect(transcript(['test/tools/programs/habits.s'], ['step 5', 'info registers r2 $sp', 'i r pc 1', 'rwatch buf', 'awatch buf']).slice(4)).toEqual([
    '(illusion) info registers r2 $sp',
    'r2 = 0x00002000 (8192)',
    '$sp = 0x80000000 (2147483648, -2147483648 signed)',
    '(illusion) i r pc 1',
    'pc = 0x00001014 (4116)',
    '(illusion) rwatch buf',
    "unknown command 'rwatch': watch page ADDR stops after any load, store or fetch in the page that holds ADDR (watch ADDR when the word changes)",
    '(illusion) awatch buf',
    "unknown command 'awatch': watch page ADDR stops after any load, store or fetch in the page that holds ADDR (watch ADDR when the word changes)",
  ]);
});

// Before, x/s was refused as gdb's string format: a student looking at a string read hex words.
test('x/s shows the string at an address, quoted and escaped; x/3s the ones after it; a string without its end says so', () => {
  expect(transcript(['test/tools/programs/strings.s'], ['x/s msg', 'x/3s msg', 'x/s 0', 'x/s junk+4', 'x/sx msg']).slice(2)).toEqual([
    '(illusion) x/s msg',
    '0x00002000: "hi\\tthere \\"you\\"\\n"',
    '(illusion) x/3s msg',
    '0x00002000: "hi\\tthere \\"you\\"\\n"',
    '0x00002010: "second"',
    '0x00002017: "\\x01\\x1b\\xff"',
    '(illusion) x/s 0',
    '0x00000000: not mapped (the null page, below 0x00001000: a null pointer?)',
    '(illusion) x/s junk+4',
    `0x0000201b: "${'a'.repeat(256)}" ... (no zero byte in the first 256: not a string?)`,
    '(illusion) x/sx msg',
    "x: /sx is gdb's string format only alone (x/s ADDR, x/3s ADDR); x shows words in hex with their bytes as text (x/COUNT ADDR, e.g. x/4 buf)",
  ]);
});

// Before, gdb's start after a run still said the programs stood at their first instruction.
test('start says the programs stand at their first instruction only while they do; after a run, restart', () => {
  expect(transcript(['test/tools/programs/habits.s'], ['start', 'step', 'start', 'restart', 'start']).slice(2).filter((l) => l.startsWith('unknown') || l.startsWith('(illusion)'))).toEqual([
    '(illusion) start',
    "unknown command 'start': the programs stand at their first instruction already: step, or break WHERE then continue",
    '(illusion) step',
    '(illusion) start',
    "unknown command 'start': the programs have run since they stood at their first instruction: restart starts them again there",
    '(illusion) restart',
    '(illusion) start',
    "unknown command 'start': the programs stand at their first instruction already: step, or break WHERE then continue",
  ]);
});
