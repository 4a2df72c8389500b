/**
 * Build the one shell script a check runs: it reads every piece of kernel state the assertions need, in
 * the root namespace and each `ip netns` namespace, then runs the active probes in parallel, and prints
 * one framed document. Sections are framed by a random boundary line (`<B> section ns`, content,
 * `<B>.rc N`), so arbitrary text (nft rules, cmd output) needs no escaping and costs no extra process;
 * `rc 127` marks a missing tool, apart from a tool that ran and printed nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Assertion } from '../lessons/assertions.js';
import { familyOf } from './ip-prefix.js';

export const ROOT = '';

export interface SnapshotPlan {
  boundary: string;
  /** `ip -b` lines run once per namespace, in this order (each prints one JSON document). */
  ipLines: string[];
  /** IPv6 routes/rules need a second `ip -6` run: a batch line cannot carry `-6`. */
  ip6Lines: string[];
  /** Namespaces whose listening sockets are read. */
  sockets: Set<string>;
  nft: Set<string>;
  /** Namespace → iptables tables. */
  iptables: Map<string, Set<string>>;
  /** Namespace → sysctl names. */
  sysctl: Map<string, Set<string>>;
  /** Assertion indexes of probes (ping, connect), cmds and files. */
  probes: number[];
  cmds: number[];
  files: number[];
}

/** Seconds a `cmd:` may run before it is killed. */
export const CMD_TIMEOUT_S = 5;

export function planSnapshot(assertions: readonly Assertion[]): SnapshotPlan {
  const kinds = new Set(assertions.map((a) => a.kind));
  const plan: SnapshotPlan = {
    boundary: `@@nl-${randomBytes(9).toString('hex')}`,
    // Links and addresses are always read: peer relations and "it is in namespace X" need all of them.
    ipLines: ['addr show', 'netns list-id'],
    ip6Lines: [],
    sockets: new Set(),
    nft: new Set(),
    iptables: new Map(),
    sysctl: new Map(),
    probes: [],
    cmds: [],
    files: [],
  };
  if (kinds.has('route') || kinds.has('ping') || kinds.has('connect')) plan.ipLines.push('route show table all');
  if (kinds.has('rule')) plan.ipLines.push('rule show');
  if (kinds.has('neigh')) plan.ipLines.push('neigh show');
  const add = <T>(m: Map<string, Set<T>>, ns: string, v: T) => (m.get(ns) ?? m.set(ns, new Set()).get(ns)!).add(v);
  assertions.forEach((a, i) => {
    const ns = 'netns' in a.spec && a.kind !== 'netns' ? (a.spec.netns ?? ROOT) : ROOT;
    switch (a.kind) {
      case 'route':
        if (familyOf(a.spec.route.split('/')[0]) === 6 || familyOf(a.spec.via) === 6) addOnce(plan.ip6Lines, 'route show table all');
        break;
      case 'rule':
        if (familyOf(a.spec.rule.from?.split('/')[0]) === 6 || familyOf(a.spec.rule.to?.split('/')[0]) === 6) addOnce(plan.ip6Lines, 'rule show');
        break;
      case 'listen':
        plan.sockets.add(ns);
        break;
      case 'nft':
        plan.nft.add(ns);
        break;
      case 'iptables':
        add(plan.iptables, ns, a.spec.iptables.table);
        break;
      case 'sysctl':
        add(plan.sysctl, ns, a.spec.sysctl);
        break;
      case 'ping':
      case 'connect':
        plan.probes.push(i);
        break;
      case 'cmd':
        plan.cmds.push(i);
        break;
      case 'file':
        plan.files.push(i);
        break;
    }
  });
  return plan;
}

function addOnce(list: string[], line: string): void {
  if (!list.includes(line)) list.push(line);
}

/** Single-quote for the shell. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `net.ipv4.ip_forward` → `/proc/sys/net/ipv4/ip_forward` (names with `/` are taken as paths under /proc/sys). */
export function sysctlPath(name: string): string {
  return '/proc/sys/' + (name.includes('/') ? name.replace(/^\/+/, '') : name.replace(/\./g, '/'));
}

/**
 * Prefix that runs a state reader inside a namespace (nothing for the root). `nsenter --net` only joins
 * the network namespace; `ip netns exec` also unshares the mount namespace and remounts /sys, which
 * costs a millisecond or two per tool, and the state readers use only netlink and /proc.
 */
function inNs(ns: string): string {
  return ns === ROOT ? '' : `nsenter --net=${shq(`/run/netns/${ns}`)} `;
}

/** The shell functions both the script and its per-namespace readers use. */
function prelude(): string[] {
  return [
    // Section open/close are shell functions around builtins: no process per section.
    `s() { printf '\\n%s %s %s\\n' "$B" "$1" "$2"; }`,
    `e() { printf '\\n%s.rc %s\\n' "$B" "$1"; }`,
    // Each tool runs in parallel as `<(exec tool)`: one process, its output in a pipe, its exit code from
    // `wait`. flush reads them back in turn with builtins: on a busy machine the wall time is the slowest
    // tool, not the sum of them, and no helper processes are spawned.
    `F=(); P=(); S=(); N=()`,
    `bg() { exec {x}< <(exec "\${@:3}"); F+=("$x"); P+=("$!"); S+=("$1"); N+=("$2"); }`,
    `has() { command -v "$1" >/dev/null || { s "$2" "$3"; e 127; false; }; }`,
    // bgraw NS CMD…: a job that frames its own sections (S empty): its output is passed on as it is;
    // if it fails (nsenter could not enter NS), an \`enter\` section says so with its exit code.
    `bgraw() { exec {x}< <(exec "\${@:2}"); F+=("$x"); P+=("$!"); S+=(""); N+=("$1"); }`,
    `flush() { for i in "\${!F[@]}"; do x=\${F[i]}; [ -z "\${S[i]}" ] || s "\${S[i]}" "\${N[i]}"; mapfile A <&"$x"; printf '%s' "\${A[@]}"; exec {x}<&-; wait "\${P[i]}"; r=$?; if [ -n "\${S[i]}" ]; then e $r; elif [ $r -ne 0 ]; then s enter "\${N[i]}"; e $r; fi; done; F=(); P=(); S=(); N=(); }`,
  ];
}

/**
 * What one namespace's non-`ip` state needs, as lines for a shell already inside that namespace
 * (`nsRef` is how those lines name it): tools started in the background, sysctls read with builtins
 * (/proc/sys/net is the reader's namespace) while the tools run.
 */
function namespaceReaders(plan: SnapshotPlan, ns: string, nsRef: string): string[] {
  const L: string[] = [];
  const run = (section: string, toolName: string, command: string) => `has ${toolName} ${section} ${nsRef} && bg ${section} ${nsRef} ${command}`;
  // ss's netlink dump of listeners only: /proc/net/tcp walks the kernel's whole connection hash,
  // several milliseconds per file on a machine with much memory.
  if (plan.sockets.has(ns)) L.push(run('sockets', 'ss', 'ss -Hltun'));
  if (plan.nft.has(ns)) L.push(run('nft', 'nft', 'nft list ruleset'));
  for (const table of plan.iptables.get(ns) ?? []) L.push(run(`ipt:${table}`, 'iptables-save', `iptables-save -t ${shq(table)}`));
  const names = plan.sysctl.get(ns);
  if (names) {
    const files = [...names].map((n) => shq(sysctlPath(n))).join(' ');
    L.push(`s sysctl ${nsRef}; for p in ${files}; do [ -r "$p" ] && read -r v <"$p" && printf '%s:%s\\n' "$p" "$v"; done; e 0`);
  }
  return L;
}

export function buildSnapshotScript(plan: SnapshotPlan, assertions: readonly Assertion[]): string {
  const L: string[] = [];
  L.push(`B=${plan.boundary}`);
  L.push(...prelude());
  // Probes: their complaints (stderr) are part of their answer.
  L.push(`bg2() { exec {x}< <(exec "\${@:3}" 2>&1 </dev/null); F+=("$x"); P+=("$!"); S+=("$1"); N+=("$2"); }`);
  L.push(`IPB=${shq(plan.ipLines.join('\n'))}`);
  L.push(`bg ip '' ip -j -d -force -b - <<<"$IPB"`);
  if (plan.ip6Lines.length) L.push(`IPB6=${shq(plan.ip6Lines.join('\n'))}`, `bg ip6 '' ip -6 -j -force -b - <<<"$IPB6"`);
  // Every named namespace, not only the ones asserted on: "it is in namespace X" needs them all.
  L.push(`for f in /run/netns/*; do [ -e "$f" ] || continue; n=\${f##*/}`);
  L.push(`  bg ip "$n" ip -n "$n" -j -d -force -b - <<<"$IPB"`);
  if (plan.ip6Lines.length) L.push(`  bg ip6 "$n" ip -6 -n "$n" -j -force -b - <<<"$IPB6"`);
  L.push('done');
  // Another namespace's readers run in one shell entered into it, which frames its own sections: one
  // `nsenter` per namespace rather than one per tool (a process start costs a millisecond or more).
  const others = new Set([...plan.sockets, ...plan.nft, ...plan.iptables.keys(), ...plan.sysctl.keys()]);
  others.delete(ROOT);
  for (const ns of others) {
    const inner = ['B=$1', 'NS=$2', ...prelude(), ...namespaceReaders(plan, ns, '"$NS"'), 'flush'].join('\n');
    L.push(`has nsenter enter ${shq(ns)} && bgraw ${shq(ns)} ${inNs(ns)}bash -c ${shq(inner)} bash "$B" ${shq(ns)}`);
  }
  for (const i of plan.files) {
    const a = assertions[i]!;
    if (a.kind !== 'file') continue;
    const p = shq(a.spec.file);
    L.push(`s file:${i} ''; if [ ! -e ${p} ]; then e absent; elif [ -d ${p} ] || [ ! -r ${p} ]; then e 1; else mapfile -n 5000 A <${p}; printf '%s' "\${A[@]}"; e 0; fi`);
  }
  L.push(...namespaceReaders(plan, ROOT, "''"));
  // State first, all of it, then the probes: a ping must not add the neighbour entry a check reads.
  L.push('flush');
  for (const i of plan.probes) {
    const [name, command] = jobCommand(assertions[i]!);
    L.push(`has ${name} job:${i} '' && bg2 job:${i} '' ${command}`);
  }
  if (plan.cmds.length) {
    // cmd output goes to files, so a server the cmd leaves behind cannot hold our pipe open.
    L.push('d=$(mktemp -d /tmp/.netlessons-check.XXXXXX); C=()');
    for (const i of plan.cmds) L.push(`${jobCommand(assertions[i]!)[1]} >"$d/${i}" 2>"$d/${i}.err" </dev/null & C+=("$!")`);
  }
  L.push('flush');
  plan.cmds.forEach((i, k) => {
    L.push(`wait "\${C[${k}]}"; rc=$?; s job:${i} ''; mapfile A <"$d/${i}"; printf '%s' "\${A[@]}"; e $rc; s joberr:${i} ''; mapfile A <"$d/${i}.err"; printf '%s' "\${A[@]}"; e 0`);
  });
  if (plan.cmds.length) L.push('rm -rf "$d"');
  L.push(`printf '\\n%s end\\n' "$B"`);
  return L.join('\n') + '\n';
}

/** The tool and command of one probe or cmd, run in the background. */
function jobCommand(a: Assertion): [tool: string, command: string] {
  // Probes and cmds keep `ip netns exec`: it also mounts /etc/netns/NAME (per-namespace DNS) and the
  // namespace's own /sys, which a learner's command may read.
  const from = (ns: string | undefined) => (ns ? `ip netns exec ${shq(ns)} ` : '');
  switch (a.kind) {
    case 'ping': {
      const host = a.spec.ping.replace(/^\[|\]$/g, '');
      return ['ping', `timeout 3 ${from(a.spec.from)}ping -n -c1 -W1 ${shq(host)}`];
    }
    case 'connect': {
      const m = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d+)$/.exec(a.spec.connect)!;
      return ['nc', `timeout 3 ${from(a.spec.from)}nc -v -z -w1 ${shq(m[1] ?? m[2]!)} ${m[3]}`];
    }
    case 'cmd':
      return ['bash', `timeout -k 1 ${CMD_TIMEOUT_S} ${from(a.spec.netns)}bash -c ${shq(a.spec.cmd)}`];
    default:
      return ['true', 'false'];
  }
}
