/**
 * The kernel state a check judges, parsed from the one framed document the snapshot script prints.
 * A section that could not be read keeps its reason, so only the assertions that need it fail with a
 * CheckError naming them; the others are still judged.
 */
import type { Assertion } from '../lessons/assertions.js';
import { assertionTarget } from '../lessons/assertions.js';
import { CheckError } from '../errors.js';
import { parseLinks, parseNeighbours, parseNsids, parseRoutes, parseRules, type Link, type Neigh, type Route, type Rule } from './parse-ip.js';
import { parseIptablesSave, parseNftRuleset, parseSsSockets, parseSysctls, type IptChain, type NftTable, type Socket } from './parse-text.js';
import { ROOT, type SnapshotPlan } from './snapshot-script.js';

export type Section<T> = { ok: true; value: T } | { ok: false; problem: string; missingTool?: string };

export interface IpState {
  links: Link[];
  /** nsid (as seen from this namespace) → namespace name; undefined name = unnamed (the root). */
  nsids: Map<number, string | undefined>;
  routes: Route[];
  rules: Rule[];
  neighbours: Neigh[];
}

export interface NamespaceState {
  /** `''` for the sandbox's root namespace. */
  name: string;
  ip: Section<IpState>;
  sockets?: Section<Socket[]>;
  nft?: Section<NftTable[]>;
  /** Table name → chains. */
  iptables: Map<string, Section<Map<string, IptChain>>>;
  /** /proc/sys path → value. */
  sysctls?: Section<Map<string, string>>;
}

export interface JobOutcome {
  /** Exit code, or `absent` (a file that does not exist). */
  rc: number | 'absent';
  stdout: string;
  stderr: string;
}

export interface KernelSnapshot {
  /** The root namespace first, then every `ip netns` namespace. */
  namespaces: Map<string, NamespaceState>;
  /** Probe, cmd and file results by assertion index. */
  jobs: Map<number, JobOutcome>;
}

interface Frame {
  section: string;
  ns: string;
  content: string;
  rc: string;
}

/** Parse the script's output. Throws CheckError only when the document as a whole is unusable. */
export function parseSnapshot(out: string, plan: SnapshotPlan): KernelSnapshot {
  const frames = splitFrames(out, plan.boundary);
  const snapshot: KernelSnapshot = { namespaces: new Map(), jobs: new Map() };
  const ns = (name: string): NamespaceState => {
    let s = snapshot.namespaces.get(name);
    if (!s) snapshot.namespaces.set(name, (s = { name, ip: { ok: false, problem: 'not read' }, iptables: new Map() }));
    return s;
  };
  for (const f of frames) {
    const [kind, arg] = f.section.split(':') as [string, string | undefined];
    switch (kind) {
      case 'ip':
        ns(f.ns).ip = parseIpSection(f, plan.ipLines);
        break;
      case 'ip6': {
        const state = ns(f.ns).ip;
        const v6 = parseJsonLines(f, plan.ip6Lines.length, 'ip');
        if (!state.ok) break;
        if (!v6.ok) ns(f.ns).ip = v6;
        else {
          const at = (line: string) => plan.ip6Lines.indexOf(line);
          const seen = new Set([...state.value.routes.map((r) => `${r.table} ${r.text}`), ...state.value.rules.map((r) => r.text)]);
          if (at('route show table all') >= 0) state.value.routes.push(...parseRoutes(v6.value[at('route show table all')]!, 6).filter((r) => !seen.has(`${r.table} ${r.text}`)));
          if (at('rule show') >= 0) state.value.rules.push(...parseRules(v6.value[at('rule show')]!).filter((r) => !seen.has(r.text)));
        }
        break;
      }
      case 'sockets':
        ns(f.ns).sockets = textSection(f, 'ss', parseSsSockets);
        break;
      case 'nft':
        ns(f.ns).nft = textSection(f, 'nft', parseNftRuleset);
        break;
      case 'ipt':
        ns(f.ns).iptables.set(arg!, textSection(f, 'iptables-save', parseIptablesSave));
        break;
      case 'sysctl':
        // grep exits 2 when one file is unreadable: the others are still good.
        ns(f.ns).sysctls = { ok: true, value: parseSysctls(f.content) };
        break;
      case 'enter': {
        // The shell inside this namespace never ran: every reader planned there says why.
        const failed = { ok: false as const, problem: f.rc === '127' ? 'nsenter is not installed in the sandbox' : `could not enter namespace ${f.ns} (nsenter exit code ${f.rc})`, ...(f.rc === '127' ? { missingTool: 'nsenter' } : {}) };
        const state = ns(f.ns);
        if (plan.sockets.has(f.ns)) state.sockets ??= failed;
        if (plan.nft.has(f.ns)) state.nft ??= failed;
        if (plan.sysctl.has(f.ns)) state.sysctls ??= failed;
        for (const table of plan.iptables.get(f.ns) ?? []) if (!state.iptables.has(table)) state.iptables.set(table, failed);
        break;
      }
      case 'file':
        snapshot.jobs.set(Number(arg), { rc: f.rc === 'absent' ? 'absent' : Number(f.rc), stdout: f.content, stderr: '' });
        break;
      case 'job':
        snapshot.jobs.set(Number(arg), { rc: Number(f.rc), stdout: f.content, stderr: '' });
        break;
      case 'joberr': {
        const job = snapshot.jobs.get(Number(arg));
        if (job) job.stderr = f.content;
        break;
      }
    }
  }
  if (!snapshot.namespaces.has(ROOT)) throw new CheckError('The checker could not read the sandbox’s network state: the snapshot has no root namespace.', { hint: BUG_HINT });
  return snapshot;
}

const BUG_HINT = 'This is a bug in netlessons or a broken sandbox: run `netlessons doctor`, and report it with `--debug` output.';

function splitFrames(out: string, boundary: string): Frame[] {
  const chunks = out.split('\n' + boundary);
  const frames: Frame[] = [];
  let open: Frame | undefined;
  let ended = false;
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('.rc ')) {
      if (open) open.rc = chunk.slice(4).trim();
      open = undefined;
    } else if (chunk.startsWith(' end')) {
      ended = true;
    } else if (chunk.startsWith(' ')) {
      const nl = chunk.indexOf('\n');
      const header = chunk.slice(1, nl < 0 ? undefined : nl);
      const space = header.indexOf(' ');
      open = { section: header.slice(0, space), ns: header.slice(space + 1), content: nl < 0 ? '' : chunk.slice(nl + 1), rc: '' };
      frames.push(open);
    }
  }
  if (!ended) {
    throw new CheckError('The checker’s snapshot of the sandbox was cut short (the script did not finish).', { hint: 'Run `check` again; if it keeps failing, the sandbox may be overloaded or broken: `netlessons reset`.' });
  }
  return frames;
}

function parseJsonLines(f: Frame, expected: number, tool: string): Section<any[][]> {
  if (f.rc === '127') return { ok: false, problem: `${tool} is not installed in the sandbox`, missingTool: tool };
  const docs: any[][] = [];
  for (const line of f.content.split('\n')) {
    if (!line.trim()) continue;
    try {
      const doc = JSON.parse(line);
      docs.push(Array.isArray(doc) ? doc : [doc]);
    } catch {
      return { ok: false, problem: `${tool} printed something that is not JSON: ${line.slice(0, 80)}` };
    }
  }
  if (docs.length !== expected) return { ok: false, problem: `${tool} answered ${docs.length} of ${expected} queries (exit code ${f.rc})` };
  return { ok: true, value: docs };
}

function parseIpSection(f: Frame, lines: string[]): Section<IpState> {
  const docs = parseJsonLines(f, lines.length, 'ip');
  if (!docs.ok) return docs;
  const doc = (line: string) => docs.value[lines.indexOf(line)] ?? [];
  return {
    ok: true,
    value: {
      links: parseLinks(doc('addr show')),
      nsids: parseNsids(doc('netns list-id')),
      routes: parseRoutes(doc('route show table all'), 4),
      rules: parseRules(doc('rule show')),
      neighbours: parseNeighbours(doc('neigh show')),
    },
  };
}

function textSection<T>(f: Frame, tool: string, parse: (text: string) => T): Section<T> {
  if (f.rc === '127') return { ok: false, problem: `${tool} is not installed in the sandbox`, missingTool: tool };
  if (f.rc !== '0') return { ok: false, problem: `${tool} failed (exit code ${f.rc})` };
  return { ok: true, value: parse(f.content) };
}

/** The value of a section an assertion needs, or a CheckError naming the assertion and where it was written. */
export function need<T>(section: Section<T> | undefined, a: Assertion): T {
  if (section?.ok) return section.value;
  const problem = section ? section.problem : 'its state was not read';
  throw new CheckError(`Cannot check \`${a.kind} ${assertionTarget(a)}\` (${a.source.file}:${a.source.line}): ${problem}.`, {
    hint: section && !section.ok && section.missingTool ? `The sandbox image lacks \`${section.missingTool}\`: rebuild it with \`netlessons image build\`.` : BUG_HINT,
  });
}
