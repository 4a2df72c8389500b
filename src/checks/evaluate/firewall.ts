/** `nft` and `iptables`: tables, chains, and rules matched by substring or `/regex/` on the text the learner sees. */
import type { AssertionOf } from '../../lessons/assertions.js';
import { assertionTarget } from '../../lessons/assertions.js';
import { need, type KernelSnapshot } from '../snapshot.js';
import { ROOT } from '../snapshot-script.js';
import { fail, inNs, isVerdict, listOf, lookupNs, matches, nearest, pass, type Verdict } from '../diagnose.js';

/** The most specific thing asserted (rule > chain > table) must be present, or absent with `exists: false`. */
function judge(want: boolean, expected: string, found: string | undefined, missing: () => string, gone: string): Verdict {
  if (!want) return found === undefined ? pass(expected, 'absent') : fail(expected, found, `${gone}, expected it gone`);
  return found !== undefined ? pass(expected, found) : fail(expected, 'absent', missing());
}

export function evaluateNft(a: AssertionOf<'nft'>, snap: KernelSnapshot): Verdict {
  const s = a.spec.nft;
  const nsName = a.spec.netns ?? ROOT;
  const want = a.spec.exists !== false;
  const target = assertionTarget(a);
  const expected = `${want ? '' : 'absent: '}${s.match ? `rule matching ${s.match} in ` : ''}${target}`;
  const ns = lookupNs(snap, a.spec.netns, expected);
  if (isVerdict(ns)) return ns;
  const tables = need(ns.nft, a);
  const table = tables.find((t) => t.name === s.table && (!s.family || t.family === s.family));
  const tableName = `${s.family ?? table?.family ?? ''} ${s.table}`.trim();
  if (!table) {
    if (!want) return pass(expected, 'absent');
    const near = nearest(s.table, tables.map((t) => t.name));
    return fail(expected, 'absent', `no nft table ${tableName} ${inNs(nsName)}${near ? ` (did you mean ${near}?)` : ''}; tables there: ${listOf(tables.map((t) => `${t.family} ${t.name}`))}`);
  }
  const chain = s.chain === undefined ? undefined : table.chains.find((c) => c.name === s.chain);
  if (s.chain !== undefined && !chain) {
    if (!want) return pass(expected, 'absent');
    const near = nearest(s.chain, table.chains.map((c) => c.name));
    return fail(expected, 'absent', `nft table ${tableName} ${inNs(nsName)} has no chain ${s.chain}${near ? ` (did you mean ${near}?)` : ''}; chains there: ${listOf(table.chains.map((c) => c.name))}`);
  }
  const where = chain ? `chain ${tableName} ${chain.name}` : `table ${tableName}`;
  if (s.match === undefined) return judge(want, expected, where, () => '', `the nft ${where} still exists ${inNs(nsName)}`);
  const lines = chain ? chain.lines : table.lines;
  const hit = lines.find((l) => matches(s.match!, l));
  return judge(want, expected, hit, () => `no rule in nft ${where} ${inNs(nsName)} matches \`${s.match}\`; rules there: ${listOf(lines, 8)}`, `the nft ${where} ${inNs(nsName)} still has \`${hit}\``);
}

export function evaluateIptables(a: AssertionOf<'iptables'>, snap: KernelSnapshot): Verdict {
  const s = a.spec.iptables;
  const nsName = a.spec.netns ?? ROOT;
  const want = a.spec.exists !== false;
  const expected = `${want ? '' : 'absent: '}${s.match ? `rule matching ${s.match} in ` : ''}${s.table} ${s.chain}`;
  const ns = lookupNs(snap, a.spec.netns, expected);
  if (isVerdict(ns)) return ns;
  const chains = need(ns.iptables.get(s.table), a);
  const chain = chains.get(s.chain);
  if (!chain) {
    if (!want) return pass(expected, 'absent');
    const near = nearest(s.chain, chains.keys());
    return fail(expected, 'absent', `no chain ${s.chain} in iptables table ${s.table} ${inNs(nsName)}${near ? ` (did you mean ${near}?)` : ''}; chains there: ${listOf([...chains.keys()], 10)}`);
  }
  if (s.match === undefined) return judge(want, expected, `chain ${s.chain}`, () => '', `iptables chain ${s.table} ${s.chain} still exists ${inNs(nsName)}`);
  const hit = chain.rules.find((r) => matches(s.match!, r));
  const rules = chain.rules.length ? listOf(chain.rules, 8) : `none (policy ${chain.policy})`;
  return judge(want, expected, hit, () => `no rule in iptables ${s.table} ${s.chain} ${inNs(nsName)} matches \`${s.match}\`; rules there: ${rules}`, `iptables ${s.table} ${s.chain} ${inNs(nsName)} still has \`${hit}\``);
}
