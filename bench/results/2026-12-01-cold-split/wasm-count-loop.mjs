// Prototype: the sieve's count loop as (a) the block engine's JS, (b) a wasm function (Liftoff first).
const MODE = process.argv[2];
const N = 500000, BASE = 65536; // guest bytes at BASE in memory
const mem = new WebAssembly.Memory({ initial: 16 });
const B = new Uint8Array(mem.buffer);
for (let i = 0; i < N; i++) B[BASE + i] = (i % 7 === 0 || i % 3 === 0) ? 1 : 0;
const R = new Int32Array(mem.buffer, 0, 16);
let pageCalls = 0;
function loadPageJs(s, v) { pageCalls++; s.loadVpn = v >>> 12; s.loadBase = BASE + ((v >>> 12) << 12) - 0; return 0; }
const jsSrc = `'use strict';
let r6 = R[6], r7 = R[7], r8 = R[8], r9 = R[9], r10 = R[10], r11 = R[11];
let n = s.n, d = 0, pc = 4176, xj = 0, xd = 0, xb = 0;
const lim = s.limit;
let lV = s.loadVpn, lB = s.loadBase, lT = s.loadLast;
out: {
for (;;) {
switch ((pc - 4096) >> 2) {
case 20: {
if (n + 7 > lim) { xj = 0; xd = 0; xb = 3; pc = 4176; break out; }
for (;;) {
r10 = (r6 + r8) | 0;
const v1 = (r10 + (0)) | 0;
if ((v1 >>> 12) !== lV) {
const a1 = h.loadPage(s, v1, n + 1, lT, s.storeLast);
if (a1) { if (a1 === 1) { xj = 1; xd = 0; xb = 1; pc = 4180; break out; } }
lV = s.loadVpn; lB = s.loadBase;
if (a1) { lT = n + 1; r10 = B[(lB | (v1 & 4095))]; { xj = 2; xd = 1; xb = 0; pc = 4184; break out; } }
}
lT = n + 1;
r10 = B[(lB | (v1 & 4095))];
if (!(r10 !== 0)) {
r9 = (r9 + (1)) | 0;
r11 = (r8 + (0)) | 0;
n += 2; d += 0; }
r8 = (r8 + (1)) | 0;
n += 5; d += 1;
if (!(r8 < r7)) { pc = 4204; break; }
if (n + 7 > lim) { pc = 4176; break; }
}
break;
}
default: break out;
}
}
}
R[8] = r8; R[9] = r9; R[10] = r10; R[11] = r11; s.loadLast = lT; s.n = n + xj; s.data += d + xd; s.bail = xb; return pc;`;

// --- a minimal wasm encoder
const u = (n) => { const o = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; o.push(b); } while (n); return o; };
const s32 = (n) => { const o = []; for (;;) { const b = n & 0x7f; n >>= 7; if ((n === 0 && !(b & 0x40)) || (n === -1 && (b & 0x40))) { o.push(b); return o; } o.push(b | 0x80); } };
const vec = (items) => [...u(items.length), ...items.flat()];
const section = (id, bytes) => [id, ...u(bytes.length), ...bytes];
const str = (t) => [...u(t.length), ...Buffer.from(t)];
const I32 = 0x7f;
// locals: 0 r6 1 r7 2 r8 3 r9 4 r10 5 r11 6 n 7 lim 8 lV 9 lB 10 v 11 d 12 pc
const OP = { get: 0x20, set: 0x21, tee: 0x22, c: 0x41, add: 0x6a, and: 0x71, or: 0x72, shru: 0x76, ne: 0x47, lts: 0x48, gts: 0x4a, eqz: 0x45, ld: 0x28, st: 0x36, ld8u: 0x2d, call: 0x10, block: 0x02, loop: 0x03, if: 0x04, end: 0x0b, br: 0x0c, brif: 0x0d, ret: 0x0f };
const g = (i) => [OP.get, i], st = (i) => [OP.set, i], c = (v) => [OP.c, ...s32(v)];
const ldR = (r, loc) => [...c(0), OP.ld, 2, ...u(r * 4), ...st(loc)];
const stR = (r, loc) => [...c(0), ...g(loc), OP.st, 2, ...u(r * 4)];
// state at 64: n, 68 lim, 72 lV, 76 lB, 80 data
const ldS = (off, loc) => [...c(0), OP.ld, 2, ...u(off), ...st(loc)];
const stS = (off, loc) => [...c(0), ...g(loc), OP.st, 2, ...u(off)];
const body = [
  ...ldR(6, 0), ...ldR(7, 1), ...ldR(8, 2), ...ldR(9, 3), ...ldR(11, 5),
  ...ldS(64, 6), ...ldS(68, 7), ...ldS(72, 8), ...ldS(76, 9),
  ...c(4176), ...st(12),
  OP.block, 0x40,
    OP.loop, 0x40,
      // v = r6 + r8; r10 is set from the load
      ...g(0), ...g(2), OP.add, ...st(10),
      // if ((v >>> 12) != lV) { call loadPage(v) -> lB; lV = v>>>12 }
      ...g(10), ...c(12), OP.shru, ...g(8), OP.ne,
      OP.if, 0x40,
        ...g(10), OP.call, 0, ...st(9), ...g(10), ...c(12), OP.shru, ...st(8),
      OP.end,
      // r10 = B[lB | (v & 4095)]
      ...g(9), ...g(10), ...c(4095), OP.and, OP.or, OP.ld8u, 0, 0, ...st(4),
      ...g(4), OP.eqz,
      OP.if, 0x40,
        ...g(3), ...c(1), OP.add, ...st(3), ...g(2), ...st(5), ...g(6), ...c(2), OP.add, ...st(6),
      OP.end,
      ...g(2), ...c(1), OP.add, ...st(2),
      ...g(6), ...c(5), OP.add, ...st(6), ...g(11), ...c(1), OP.add, ...st(11),
      // if !(r8 < r7) { pc = 4204; break }
      ...g(2), ...g(1), OP.lts, OP.eqz, OP.if, 0x40, ...c(4204), ...st(12), OP.br, 2, OP.end,
      // if (n + 7 > lim) break (pc stays 4176)
      ...g(6), ...c(7), OP.add, ...g(7), OP.gts, OP.brif, 1,
      OP.br, 0,
    OP.end,
  OP.end,
  ...stR(8, 2), ...stR(9, 3), ...stR(10, 4), ...stR(11, 5), ...stS(64, 6), ...stS(72, 8), ...stS(76, 9),
  ...c(0), ...c(0), OP.ld, 2, ...u(80), ...g(11), OP.add, OP.st, 2, ...u(80),
  ...g(12),
  OP.end,
];
function wasmBytes() {
  const types = section(1, vec([[0x60, ...vec([[I32]]), ...vec([[I32]])], [0x60, ...vec([]), ...vec([[I32]])]]));
  const imports = section(2, vec([[...str('m'), ...str('loadPage'), 0x00, 0], [...str('m'), ...str('mem'), 0x02, 0x00, 1]]));
  const funcs = section(3, vec([[1]]));
  const exports = section(7, vec([[...str('run'), 0x00, 1]]));
  const fn = [...vec([[...u(13), I32]]), ...body];
  const code = section(10, vec([[...u(fn.length), ...fn]]));
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports, ...funcs, ...exports, ...code]);
}
const D = new Int32Array(mem.buffer, 0, 32);
function runWasm() {
  const t0 = performance.now();
  const inst = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes()), { m: { mem, loadPage: (v) => { pageCalls++; return BASE + ((v >>> 12) << 12); } } });
  const t1 = performance.now();
  R[6] = 0; R[7] = N; R[8] = 2; R[9] = 0; R[11] = 0; D[16] = 0; D[18] = -1; D[19] = 0; D[20] = 0;
  let calls = 0;
  for (;;) { D[17] = D[16] + 10000; const pc = inst.exports.run(); calls++; if (pc === 4204) break; }
  return [t1 - t0, performance.now() - t1, R[9], R[11], D[16], calls];
}
function runJs() {
  const t0 = performance.now();
  const f = new Function('R', 's', 'M', 'B', 'h', jsSrc);
  const t1 = performance.now();
  R[6] = 0; R[7] = N; R[8] = 2; R[9] = 0; R[11] = 0;
  const s = { n: 0, limit: 0, loadVpn: -1, loadBase: 0, loadLast: 0, storeLast: 0, data: 0, bail: 0 };
  const h = { loadPage: loadPageJs };
  const Bg = B; let calls = 0;
  for (;;) { s.limit = s.n + 10000; const pc = f(R, s, null, Bg, h); calls++; if (pc === 4204) break; }
  return [t1 - t0, performance.now() - t1, R[9], R[11], s.n, calls];
}
const fn = MODE === 'wasm' ? runWasm : runJs;
const out = [];
for (let i = 0; i < +(process.argv[3] ?? 1); i++) out.push(fn().map(x => typeof x === 'number' && !Number.isInteger(x) ? x.toFixed(2) : x).join(','));
console.log(MODE, out.join(' | '));
