// `illusion homework KIND`: OSTEP-style exercises made and answered by the
// machine's own modules (SPEC section 12). One subcommand per kind; each
// parses its flags (OSTEP's short names as aliases), calls homework/, and
// prints the quiz, or with -c the answers, as text or --json.
import { Command, Option } from 'commander';
import { makePolicyProblem, solvePolicyProblem } from '../../homework/policy.js';
import { makeTlbProblem, solveTlbProblem } from '../../homework/tlb.js';
import { makeTranslateProblem, solveTranslateProblem } from '../../homework/translate.js';
import { makeCowProblem, solveCowProblem } from '../../homework/cow.js';
import { makeProtectProblem, solveProtectProblem } from '../../homework/protect.js';
import { CONFIG_LIMITS } from '../../kernel/config.js';
import { MAX_CLOCK_COUNT } from '../../kernel/policy/clock.js';
import { SIMULATED_POLICY_NAMES } from '../../kernel/policy/simulate.js';
import { TLB_POLICIES } from '../../mmu/tlb.js';
import {
  MAX_COW_FORKS, MAX_COW_PAGES, MAX_COW_STEPS, MAX_HOMEWORK_PROCESSES, MAX_HOMEWORK_REFERENCES, MAX_HOMEWORK_TLB_ENTRIES,
  MAX_PROTECT_ACCESSES, MAX_PROTECT_MMAPS, MAX_TRANSLATE_PAGES, MAX_TRANSLATE_QUESTIONS,
} from '../../homework/limits.js';
import { formatPolicyAnswers, formatPolicyQuiz, policyJson } from '../../homework/policyText.js';
import { readHomeworkReferences } from '../homework/references.js';
import { formatTlbAnswers, formatTlbQuiz, tlbJson } from '../../homework/tlbText.js';
import { cowJson, formatCowAnswers, formatCowQuiz } from '../../homework/cowText.js';
import { formatProtectAnswers, formatProtectQuiz, protectJson } from '../../homework/protectText.js';
import { formatTranslateAnswers, formatTranslateQuiz, translateJson } from '../../homework/translateText.js';
import { UsageError, parseChoiceFlag, parseIntFlag } from '../usage.js';
import { MAX_SIM_FRAMES, MAX_SIM_PAGE } from './policy.js';

const MAX_SEED = CONFIG_LIMITS.seed[1];
export { MAX_HOMEWORK_REFERENCES };

/** Flags every kind takes. */
export interface CommonFlags {
  seed?: string;
  compute?: boolean;
  json?: boolean;
}

export interface PolicyHomeworkFlags extends CommonFlags {
  numaddrs?: string;
  maxpage?: string;
  locality?: string;
  addresses?: string;
  addressfile?: string;
  frames?: string;
  cachesize?: string;
  policy?: string;
  clockbits?: string;
  notrace?: boolean;
}

export interface TlbHomeworkFlags extends CommonFlags {
  entries?: string;
  ways?: string;
  policy?: string;
  asid?: boolean;
  count?: string;
  maxpage?: string;
  processes?: string;
}

export interface TranslateHomeworkFlags extends CommonFlags {
  pages?: string;
  count?: string;
}

export interface CowHomeworkFlags extends CommonFlags {
  pages?: string;
  steps?: string;
  forks?: string;
  exits?: string;
  program?: boolean;
}

export interface ProtectHomeworkFlags extends CommonFlags {
  count?: string;
  mmaps?: string;
  program?: string;
}

export const HOMEWORK_KINDS = ['policy', 'tlb', 'translate', 'cow', 'protect'] as const;

export function registerHomework(program: Command): void {
  const homework = program
    .command('homework')
    .description('Make OSTEP-style exercises (policy, translate, tlb, cow, protect) from the machine\'s own code; -c shows the answers')
    // Reached only when no kind matched: a missing or unknown kind is bad usage (exit 2), not a help page.
    .allowExcessArguments()
    .action((_flags: unknown, cmd: Command) => {
      const kind = cmd.args[0];
      throw new UsageError(kind === undefined
        ? `homework: say which kind: ${HOMEWORK_KINDS.join(', ')}`
        : `homework: unknown kind '${kind}'; the kinds are ${HOMEWORK_KINDS.join(', ')}`);
    });
  addCommon(homework.command('policy'))
    .description('Page replacement: hit or miss, victim and resident pages for each reference')
    .option('-n, --numaddrs <n>', 'references to generate (default 10)')
    .option('-m, --maxpage <n>', 'generated pages are 0..N-1 (default 10)')
    .option('--locality <p>', 'share of references (0 to 1) that go to a hot fifth of the pages')
    .option('-a, --addresses <list>', 'the reference string, comma-separated, instead of generating one')
    .option('-f, --addressfile <file>', 'the reference string from a file, one page a line or comma-separated')
    .option('-C, --frames <n>', 'page frames of memory (default 3)')
    .addOption(new Option('--cachesize <n>', 'OSTEP\'s name for --frames').hideHelp())
    .option('-p, --policy <name>', `${SIMULATED_POLICY_NAMES.join(', ')} (default fifo; OSTEP's rand = random)`)
    .option('-b, --clockbits <n>', 'clock and clock-ostep: reference count limit (default 1 for clock, 2 for clock-ostep)')
    .option('-N, --notrace', 'with -c: only the totals')
    .action((flags: PolicyHomeworkFlags) => {
      process.stdout.write(runPolicyHomework(flags));
    });
  addCommon(homework.command('tlb'))
    .description('TLB: hit or miss, set and victim for each (ASID, page) access, and the final contents')
    .option('--entries <n>', 'TLB entries (default 8)')
    .option('--ways <n>', 'associativity, dividing the entries (default 2)')
    .option('-p, --policy <name>', `replacement within a set: ${TLB_POLICIES.join(', ')} (default lru)`)
    .option('--no-asid', 'ASIDs off: entries tagged 0, the TLB flushed on each switch')
    .option('-n, --count <n>', 'accesses (default 12)')
    .option('-m, --maxpage <n>', 'pages are 0..N-1 (default 12)')
    .option('--processes <n>', 'processes taking turns, ASIDs 1..N (default 2)')
    .action((flags: TlbHomeworkFlags) => {
      process.stdout.write(runTlbHomework(flags));
    });
  addCommon(homework.command('translate'))
    .description('Address translation: a process\'s page tables and virtual addresses to translate, or the fault and why')
    .option('--pages <n>', `pages the process writes before it forks, 1 to ${MAX_TRANSLATE_PAGES} (default 6)`)
    .option('-n, --count <n>', 'virtual addresses to translate (default 8)')
    .action((flags: TranslateHomeworkFlags) => {
      process.stdout.write(runTranslateHomework(flags));
    });
  addCommon(homework.command('cow'))
    .description('Fork and copy-on-write: per step the fault, the frames in use and what is shared; then each process\'s pages')
    .option('--pages <n>', `data pages of the process, 1 to ${MAX_COW_PAGES} (default 4)`)
    .option('--steps <n>', `reads and writes after the first fork, 1 to ${MAX_COW_STEPS} (default 8)`)
    .option('--forks <n>', `forks in all, 1 to ${MAX_COW_FORKS} (default 1)`)
    .option('--exits <n>', 'processes that exit among the steps, 0 to the forks (default 0)')
    .option('--program', 'print the guest program that carries the steps out (for illusion run --trace)')
    .action((flags: CowHomeworkFlags) => {
      process.stdout.write(runCowHomework(flags));
    });
  addCommon(homework.command('protect'))
    .description('Protection: an address space\'s regions and rights, and accesses to it: ok, a page fault, or killed and why')
    .option('-n, --count <n>', `accesses, 1 to ${MAX_PROTECT_ACCESSES} (default 10)`)
    .option('--mmaps <n>', `mmap regions, 0 to ${MAX_PROTECT_MMAPS} (default 1)`)
    .option('--program <n>', 'print the guest program that makes access N (for illusion run)')
    .action((flags: ProtectHomeworkFlags) => {
      process.stdout.write(runProtectHomework(flags));
    });
}

/** Validates the flags and returns what to print; bad usage throws UsageError. */
export function runProtectHomework(flags: ProtectHomeworkFlags): string {
  const seed = parseSeed(flags);
  const count = flags.count === undefined ? 10 : parseIntFlag('--count', flags.count, 1, MAX_PROTECT_ACCESSES);
  const mmaps = flags.mmaps === undefined ? 1 : parseIntFlag('--mmaps', flags.mmaps, 0, MAX_PROTECT_MMAPS);
  const program = flags.program === undefined ? undefined : parseIntFlag('--program', flags.program, 1, count);
  if (program !== undefined && (flags.compute || flags.json)) throw new UsageError('--program prints a program alone: give it without -c and --json');
  const problem = makeProtectProblem({ seed, count, mmaps });
  if (program !== undefined) return problem.programs[program - 1]!;
  const answers = flags.compute ? solveProtectProblem(problem) : undefined;
  if (flags.json) return protectJson(problem, answers);
  return answers === undefined ? formatProtectQuiz(problem) : formatProtectAnswers(problem, answers);
}

/** Validates the flags and returns what to print; bad usage throws UsageError. */
export function runCowHomework(flags: CowHomeworkFlags): string {
  const seed = parseSeed(flags);
  const pages = flags.pages === undefined ? 4 : parseIntFlag('--pages', flags.pages, 1, MAX_COW_PAGES);
  const steps = flags.steps === undefined ? 8 : parseIntFlag('--steps', flags.steps, 1, MAX_COW_STEPS);
  const forks = flags.forks === undefined ? 1 : parseIntFlag('--forks', flags.forks, 1, MAX_COW_FORKS);
  const exits = flags.exits === undefined ? 0 : parseIntFlag('--exits', flags.exits, 0, MAX_COW_FORKS);
  if (exits > forks) throw new UsageError(`--exits: ${exits} exits need --forks ${exits} or more (one process is always left), got --forks ${forks}`);
  if (flags.program && (flags.compute || flags.json)) throw new UsageError('--program prints the program alone: give it without -c and --json');
  const problem = makeCowProblem({ seed, pages, steps, forks, exits });
  if (flags.program) return problem.program;
  const answers = flags.compute ? solveCowProblem(problem) : undefined;
  if (flags.json) return cowJson(problem, answers);
  return answers === undefined ? formatCowQuiz(problem) : formatCowAnswers(problem, answers);
}

/** Validates the flags and returns what to print; bad usage throws UsageError. */
export function runTranslateHomework(flags: TranslateHomeworkFlags): string {
  const seed = parseSeed(flags);
  const pages = flags.pages === undefined ? 6 : parseIntFlag('--pages', flags.pages, 1, MAX_TRANSLATE_PAGES);
  const count = flags.count === undefined ? 8 : parseIntFlag('--count', flags.count, 1, MAX_TRANSLATE_QUESTIONS);
  const made = makeTranslateProblem({ seed, pages, count });
  const answers = flags.compute ? solveTranslateProblem(made) : undefined;
  if (flags.json) return translateJson(made.problem, answers);
  return answers === undefined ? formatTranslateQuiz(made.problem) : formatTranslateAnswers(made.problem, answers);
}

/** Validates the flags and returns what to print; bad usage throws UsageError. */
export function runTlbHomework(flags: TlbHomeworkFlags): string {
  const seed = parseSeed(flags);
  const entries = flags.entries === undefined ? 8 : parseIntFlag('--entries', flags.entries, 1, MAX_HOMEWORK_TLB_ENTRIES);
  const ways = flags.ways === undefined ? Math.min(2, entries) : parseIntFlag('--ways', flags.ways, 1, entries);
  if (entries % ways !== 0) throw new UsageError(`--ways: ${ways} does not divide the ${entries} entries`);
  const policy = parseChoiceFlag('--policy', flags.policy ?? 'lru', TLB_POLICIES);
  const count = flags.count === undefined ? 12 : parseIntFlag('--count', flags.count, 1, MAX_HOMEWORK_REFERENCES);
  const maxPage = flags.maxpage === undefined ? 12 : parseIntFlag('--maxpage', flags.maxpage, 1, MAX_SIM_PAGE + 1);
  const processes = flags.processes === undefined ? 2 : parseIntFlag('--processes', flags.processes, 1, MAX_HOMEWORK_PROCESSES);
  let problem;
  try {
    problem = makeTlbProblem({ seed, entries, ways, policy, asids: flags.asid !== false, count, maxPage, processes });
  } catch (err) {
    // The TLB's own refusal (e.g. a policy that needs power-of-two ways).
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  const answers = flags.compute ? solveTlbProblem(problem) : undefined;
  if (flags.json) return tlbJson(problem, answers);
  return answers === undefined ? formatTlbQuiz(problem) : formatTlbAnswers(problem, answers);
}

function addCommon(cmd: Command): Command {
  return cmd
    // The homework command allows excess arguments (to name an unknown kind) and its kinds inherit that: a kind takes none.
    .allowExcessArguments(false)
    .option('-s, --seed <n>', 'seed of the problem (default 0)')
    .option('-c, --compute', 'show the answers')
    .option('--json', 'print the problem (and with -c the answers) as one JSON object');
}

export function parseSeed(flags: CommonFlags): number {
  return flags.seed === undefined ? 0 : parseIntFlag('--seed', flags.seed, 0, MAX_SEED);
}

/** Validates the flags and returns what to print; bad usage throws UsageError. */
export function runPolicyHomework(flags: PolicyHomeworkFlags): string {
  const seed = parseSeed(flags);
  const name = (flags.policy ?? 'fifo').trim().toLowerCase();
  const policy = parseChoiceFlag('--policy', name === 'rand' ? 'random' : name, SIMULATED_POLICY_NAMES);
  if (flags.frames !== undefined && flags.cachesize !== undefined) throw new UsageError('give --frames or --cachesize, not both');
  const framesText = flags.frames ?? flags.cachesize;
  const frames = framesText === undefined ? 3 : parseIntFlag(flags.frames !== undefined ? '--frames' : '--cachesize', framesText, 1, MAX_SIM_FRAMES);
  let clockBits: number | undefined;
  if (flags.clockbits !== undefined) {
    if (policy !== 'clock' && policy !== 'clock-ostep') throw new UsageError(`--clockbits: only clock and clock-ostep count references, not ${policy}`);
    clockBits = parseIntFlag('--clockbits', flags.clockbits, 1, MAX_CLOCK_COUNT);
  }
  const given = readHomeworkReferences(flags.addresses, flags.addressfile);
  if (given !== undefined && (flags.numaddrs !== undefined || flags.maxpage !== undefined || flags.locality !== undefined)) {
    throw new UsageError('--numaddrs, --maxpage and --locality make a string; they do not go with --addresses or --addressfile');
  }
  if (given !== undefined && given.length > MAX_HOMEWORK_REFERENCES) {
    throw new UsageError(`at most ${MAX_HOMEWORK_REFERENCES} references, got ${given.length}`);
  }
  const numAddrs = flags.numaddrs === undefined ? 10 : parseIntFlag('--numaddrs', flags.numaddrs, 1, MAX_HOMEWORK_REFERENCES);
  const maxPage = flags.maxpage === undefined ? 10 : parseIntFlag('--maxpage', flags.maxpage, 1, MAX_SIM_PAGE + 1);
  const locality = flags.locality === undefined ? undefined : parseFraction('--locality', flags.locality);
  if (flags.notrace && !flags.compute) throw new UsageError('--notrace only changes the answers: give it with -c');
  const problem = makePolicyProblem({
    seed, policy, frames, numAddrs, maxPage,
    ...(clockBits !== undefined ? { clockBits } : {}),
    ...(given !== undefined ? { references: given } : {}),
    ...(locality !== undefined ? { locality } : {}),
  });
  const answers = flags.compute ? solvePolicyProblem(problem) : undefined;
  if (flags.json) return policyJson(problem, answers);
  return answers === undefined ? formatPolicyQuiz(problem) : formatPolicyAnswers(problem, answers, flags.notrace === true);
}

/** A decimal from 0 to 1, e.g. 0.8. */
export function parseFraction(flag: string, text: string): number {
  const t = text.trim();
  const value = /^(0|1|0?\.\d+|1\.0*)$/.test(t) ? Number(t) : NaN;
  if (!(value >= 0 && value <= 1)) throw new UsageError(`${flag}: expected a share from 0 to 1 such as 0.8, got '${text}'`);
  return value;
}
