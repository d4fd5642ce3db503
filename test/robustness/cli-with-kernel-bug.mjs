// The CLI with one kernel bug injected from outside the product: munmap's
// PTE writes skip their TLB invalidation (the mutant munmap-no-invalidate).
// Runs the built, unbundled modules of dist/ in-process, so that the patched
// Vm is the one the command line uses. For the checker's CLI test only.
//   node test/robustness/cli-with-kernel-bug.mjs run FILE --check
import { Vm } from '../../dist/kernel/vm.js';
import { main } from '../../dist/cli/program.js';

const writePteAt = Vm.prototype.writePteAt;
Vm.prototype.writePteAt = function writePteAtForgettingMunmap(space, vpn, at, pte, site) {
  if (site === 'munmap') return this.writePteKeepingTlb(space, vpn, at, pte, site);
  return writePteAt.call(this, space, vpn, at, pte, site);
};

process.exitCode = await main(process.argv);
