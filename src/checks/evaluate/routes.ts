/** `route` and `rule`: destinations compared as networks (`default` = `0.0.0.0/0`), tables by number or name. */
import type { AssertionOf } from '../../lessons/assertions.js';
import { assertionTarget } from '../../lessons/assertions.js';
import { familyOf, formatNetwork, parseNetwork, sameAddress, sameNetwork } from '../ip-prefix.js';
import { normaliseTable, type Route, type Rule } from '../parse-ip.js';
import type { KernelSnapshot } from '../snapshot.js';
import { ROOT } from '../snapshot-script.js';
import { badAssertion, fail, inNs, ipOf, isVerdict, listOf, lookupNs, pass, type Verdict } from '../diagnose.js';

export function evaluateRoute(a: AssertionOf<'route'>, snap: KernelSnapshot): Verdict {
  const s = a.spec;
  const parsed = parseNetwork(s.route) ?? badAssertion(a, `\`route: ${s.route}\` is not a destination (write \`default\`, an address or a prefix like 10.0.1.0/24)`);
  const family = parsed.family ?? familyOf(s.via) ?? 4;
  const dst = { ...parsed, family };
  const shown = formatNetwork(dst);
  const table = s.table === undefined ? 'main' : normaliseTable(s.table);
  const inTable = (r: Route) => table === 'all' || r.table === table;
  const expected = [`${s.exists === false ? 'absent: ' : ''}${shown}`, s.via && `via ${s.via}`, s.dev && `dev ${s.dev}`, table !== 'main' && `table ${table}`, s.src && `src ${s.src}`, s.scope && `scope ${s.scope}`]
    .filter(Boolean)
    .join(' ');
  const ns = lookupNs(snap, s.netns, expected);
  if (isVerdict(ns)) return ns;
  const nsName = s.netns ?? ROOT;
  const routes = ipOf(ns, a).routes.filter((r) => r.family === family);
  const toDst = routes.filter((r) => sameNetwork(r.dst, dst));
  const candidates = toDst.filter(inTable);
  const problemsOf = (r: Route): string[] => {
    const p: string[] = [];
    if (s.via && !r.gateways.some((g) => sameAddress(g, s.via!))) {
      p.push(r.gateways.length ? `goes via ${r.gateways.join(', ')}, expected via ${s.via}` : `has no gateway (it is directly on ${r.devs.join(', ') || 'no device'}), expected via ${s.via}`);
    }
    if (s.dev && !r.devs.includes(s.dev)) p.push(`goes out ${r.devs.join(', ') || 'no device'}, expected dev ${s.dev}`);
    if (s.src && !(r.prefsrc && sameAddress(r.prefsrc, s.src))) p.push(`has ${r.prefsrc ? `src ${r.prefsrc}` : 'no src'}, expected src ${s.src}`);
    if (s.scope && (r.scope ?? 'global') !== s.scope) p.push(`has scope ${r.scope ?? 'global'}, expected ${s.scope}`);
    return p;
  };
  const full = candidates.filter((r) => problemsOf(r).length === 0);
  if (s.exists === false) {
    return full.length ? fail(expected, full[0]!.text, `the route to ${shown} is still there ${inNs(nsName)} (${full[0]!.text}), expected it gone`) : pass(expected, 'absent');
  }
  if (full.length) return pass(expected, full[0]!.text);
  if (candidates.length) {
    const r = candidates[0]!;
    return fail(expected, r.text, `the route to ${shown} ${inNs(nsName)} ${problemsOf(r).join(', and ')} (${r.text})`);
  }
  const elsewhere = toDst.find((r) => !inTable(r));
  const listed = routes.filter((r) => (table === 'all' ? r.table === 'main' : r.table === table)).map((r) => r.text);
  return fail(
    expected,
    'absent',
    `${dst.len === 0 ? 'no default route' : `no route to ${shown}`} ${inNs(nsName)}${table !== 'main' && table !== 'all' ? ` in table ${table}` : ''}${elsewhere ? ` (there is one in table ${elsewhere.table}: ${elsewhere.text})` : ''}; routes there: ${listOf(listed)}`,
  );
}

export function evaluateRule(a: AssertionOf<'rule'>, snap: KernelSnapshot): Verdict {
  const s = a.spec;
  const want = s.rule;
  const target = assertionTarget(a);
  const expected = `${s.exists === false ? 'absent: ' : ''}${target}`;
  const ns = lookupNs(snap, s.netns, expected);
  if (isVerdict(ns)) return ns;
  const nsName = s.netns ?? ROOT;
  const net = (text: string) => parseNetwork(text) ?? badAssertion(a, `\`${text}\` in a rule is not an address or prefix`);
  const fits = (r: Rule) =>
    (want.from === undefined || sameNetwork(net(r.from), net(want.from))) &&
    (want.to === undefined || sameNetwork(net(r.to), net(want.to))) &&
    (want.table === undefined || r.table === normaliseTable(want.table)) &&
    (want.priority === undefined || r.priority === want.priority) &&
    (want.iif === undefined || r.iif === want.iif) &&
    (want.oif === undefined || r.oif === want.oif) &&
    (want.fwmark === undefined || (r.fwmark !== undefined && Number(r.fwmark) === Number(want.fwmark)));
  const rules = ipOf(ns, a).rules;
  const found = rules.find(fits);
  if (s.exists === false) return found ? fail(expected, found.text, `the rule ${found.text} is still there ${inNs(nsName)}, expected it gone`) : pass(expected, 'absent');
  if (found) return pass(expected, found.text);
  return fail(expected, 'absent', `no rule ${target} ${inNs(nsName)}; rules there: ${listOf(rules.map((r) => r.text))}`);
}
