// A student's entries for a homework problem, written from the CLI's
// `-c --json` answers for it (not from the page's sheet): what a student who
// worked the problem right would type, row by row, in the page's fields.
// The words are the menus' (web/homeworkSheet.ts): the MMU's not_present is
// 'not present', a fork's cow step '-'.
export type Row = Record<string, string>;

// The --json answer objects, as cli/homework's text makers write them.
/* eslint-disable @typescript-eslint/no-explicit-any */
export function rowsFromJson(json: Record<string, any>): Row[] {
  switch (json['kind']) {
    case 'policy':
      return json['answers'].steps.map((s: any) => ({
        hit: s.hit ? 'hit' : 'miss', evicted: s.evicted === null ? '-' : String(s.evicted), resident: (s.frames as number[]).join(','),
      }));
    case 'translate':
      return json['answers'].map((a: any) => (a.physical !== null
        ? { outcome: 'translates', physical: `0x${(a.physical as number).toString(16).padStart(8, '0')}`, mmu: '', reason: '', kernel: '' }
        : { outcome: 'page fault', physical: '', mmu: (a.fault.mmu as string).replace('_', ' '), reason: a.fault.reason, kernel: a.fault.kernel }));
    case 'tlb':
      return json['answers'].steps.map((s: any) => ({
        hit: s.hit ? 'hit' : 'miss', set: String(s.set), evicts: s.evicted === null ? '-' : `${s.evicted.asid}:${s.evicted.vpn}`,
      }));
    case 'protect':
      return json['answers'].map((a: any) => ({
        verdict: a.verdict, fault: a.verdict === 'fault' ? a.fault : '', cause: a.verdict === 'killed' ? a.cause : '', reason: a.verdict === 'killed' ? a.reason : '',
      }));
    case 'cow':
      return json['answers'].steps.map((s: any) => ({ fault: s.fault ?? '-', frames: String(s.frames) }));
    default:
      throw new Error(`no rows for ${json['kind']}`);
  }
}
