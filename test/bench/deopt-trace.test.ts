// bench/deoptTrace.ts reads V8's --trace-opt / --trace-deopt-verbose output
// and a --log-code log. The lines below have the shapes V8 11.3 (Node 20)
// prints (taken from a real trace of the sieve, addresses shortened).
import { describe, expect, test } from 'vitest';
import { bundleLocator, parseCodeLog, parseTrace, untag } from '../../bench/deoptTrace.js';

const TRACE = [
  '[marking 0x3a11 <JSFunction run (sfi = 0x2a89)> for optimization to TURBOFAN, ConcurrencyMode::kConcurrent, reason: hot and stable]',
  '[compiling method 0x3a11 <JSFunction run (sfi = 0x2a89)> (target TURBOFAN) OSR, mode: ConcurrencyMode::kConcurrent]',
  '[completed compiling 0x3a11 <JSFunction run (sfi = 0x2a89)> (target TURBOFAN) OSR - took 0.006, 6.723, 0.016 ms]',
  '[completed optimizing 0x3a11 <JSFunction run (sfi = 0x2a89)> (target TURBOFAN) OSR]',
  'primes below 10000: 41538',
  '[bailout (kind: deopt-eager, reason: Insufficient type feedback for generic named access): begin. deoptimizing 0x3a11 <JSFunction run (sfi = 0x2a89)>, 0x28d5 <Code TURBOFAN>, opt id 84, bytecode offset 2211, deopt exit 36, FP to SP delta 528, caller SP 0x7ffd, pc 0x7f66]',
  '            ;;; deoptimize at </x/dist/cli/cli.cjs:11009:37>',
  '  reading input frame run => bytecode_offset=2211, args=2, height=40, retval=0(#0); inputs:',
  '[bailout end. took 0.537 ms]',
  '[completed compiling 0x3a11 <JSFunction run (sfi = 0x2a89)> (target TURBOFAN) - took 0.004, 6.939, 0.041 ms]',
  '[completed optimizing 0x3a11 <JSFunction run (sfi = 0x2a89)> (target TURBOFAN)]',
  '[bailout (kind: deopt-eager, reason: Insufficient type feedback for binary operation): begin. deoptimizing 0x3a11 <JSFunction run (sfi = 0x2a89)>, 0x3a17 <Code TURBOFAN>, opt id 85, bytecode offset 27, deopt exit 52, FP to SP delta 304, caller SP 0x7ffd, pc 0x7f66]',
  '            ;;; deoptimize at <file:///x/dist/cpu/timer.js:16:14> inlined at <file:///x/dist/cpu/cpu.js:393:36>',
  '[marking 0x3b01 <JSFunction lookup (sfi = 0x2b01)> for optimization to TURBOFAN, ConcurrencyMode::kConcurrent, reason: small function]',
  '[completed optimizing 0x3b01 <JSFunction lookup (sfi = 0x2b01)> (target TURBOFAN)]',
  '[marking dependent code 0x277e <Code TURBOFAN> (0x2b01 <SharedFunctionInfo lookup>) (opt id 15) for deoptimization, reason: code dependencies]',
].join('\n');

describe('parseTrace', () => {
  const table = parseTrace(TRACE);

  test('one record per function, keyed by the untagged sfi', () => {
    expect([...table.keys()]).toEqual(['0x2a88', '0x2b00']);
    expect(untag('0x2a89')).toBe('0x2a88');
    expect(untag('0x2a88')).toBe('0x2a88');
  });

  test('marks, optimisations (OSR among them) and compile time', () => {
    const run = table.get('0x2a88')!;
    expect({ name: run.name, marked: run.marked, optimized: run.optimized, osr: run.osr }).toEqual({ name: 'run', marked: 1, optimized: 2, osr: 1 });
    expect(run.compileMs).toBeCloseTo(0.006 + 6.723 + 0.016 + 0.004 + 6.939 + 0.041, 9);
    expect(run.firstOptimized).toBe(4);
  });

  test('each deoptimisation with kind, reason, offset, opt id and where (innermost first)', () => {
    const run = table.get('0x2a88')!;
    expect(run.deopts).toEqual([
      { kind: 'deopt-eager', reason: 'Insufficient type feedback for generic named access', bytecodeOffset: 2211, optId: 84, at: ['/x/dist/cli/cli.cjs:11009:37'], seq: 6 },
      { kind: 'deopt-eager', reason: 'Insufficient type feedback for binary operation', bytecodeOffset: 27, optId: 85, at: ['/x/dist/cpu/timer.js:16:14', '/x/dist/cpu/cpu.js:393:36'], seq: 12 },
    ]);
  });

  test('"marking dependent code" counts as a deoptimisation of kind dependency', () => {
    const lookup = table.get('0x2b00')!;
    expect(lookup.optimized).toBe(1);
    expect(lookup.deopts).toEqual([{ kind: 'dependency', reason: 'code dependencies', bytecodeOffset: null, optId: 15, at: [], seq: 16 }]);
  });

  test('text that is not a trace gives an empty table', () => {
    expect(parseTrace('Hello from illusion!\n[not a v8 line]\n').size).toBe(0);
  });
});

test('parseCodeLog: the source position of each function, by untagged sfi, quoted names too', () => {
  const log = [
    'code-creation,Builtin,2,17518,0x18c4000,768,DeoptimizationEntry_Eager',
    'code-creation,JS,10,219940,0x1cb0,113,run /x/dist/cli/cli.cjs:19231:8,0x216c,~',
    'code-creation,JS,10,425531,0x1ff8,3798,run /x/dist/cli/cli.cjs:10803:10,0x2a88,~',
    'code-creation,JS,10,425600,0x1ff9,40,"get a,b file:///x/dist/cli/cli.cjs:12:3",0x2b01,*',
    'code-creation,JS,10,425700,0x1ffa,40, /x/dist/cli/cli.cjs:5:1,0x2c00,~',
  ].join('\n');
  const sources = parseCodeLog(log);
  expect(Object.fromEntries(sources)).toEqual({
    '0x216c': { name: 'run', file: '/x/dist/cli/cli.cjs', line: 19231, column: 8 },
    '0x2a88': { name: 'run', file: '/x/dist/cli/cli.cjs', line: 10803, column: 10 },
    '0x2b00': { name: 'get a,b', file: '/x/dist/cli/cli.cjs', line: 12, column: 3 },
    '0x2c00': { name: '', file: '/x/dist/cli/cli.cjs', line: 5, column: 1 },
  });
});

test('bundleLocator: the module comment above a line, and the class whose body holds it', () => {
  const bundle = [
    '// dist/mmu/tlb.js',          // 1
    'var init_tlb = __esm({',      // 2
    '  "dist/mmu/tlb.js"() {',     // 3
    '    Tlb = class {',           // 4
    '      lookup(vpn) {',         // 5
    '        return vpn;',         // 6
    '      }',                     // 7
    '    };',                      // 8
    '    function tlbTag(v) {',    // 9
    '      return v;',             // 10
    '    }',                       // 11
    '// dist/cpu/cpu.js',          // 12
    '    Cpu = class {',           // 13
    '      run(budget) {',         // 14
  ].join('\n');
  const at = bundleLocator(bundle);
  expect(at(6)).toEqual({ module: 'mmu/tlb.js', className: 'Tlb', text: 'return vpn;' });
  expect(at(10)).toEqual({ module: 'mmu/tlb.js', className: null, text: 'return v;' });
  expect(at(14)).toEqual({ module: 'cpu/cpu.js', className: 'Cpu', text: 'run(budget) {' });
  expect(at(2)).toEqual({ module: 'mmu/tlb.js', className: null, text: 'var init_tlb = __esm({' });
});
