// Check verdict latency for 1 and for 30 state assertions (ip state only, and every state kind), against the floor of one bare `exec('true')`
// through the same DockerSandbox in the same run. Target: ≤ 1.5× the floor. Needs `npm run build`.
// The three are measured interleaved (floor, 1, 30, floor, …) so a busy machine skews them alike.
import { performance } from 'node:perf_hooks';
import { DockerBackend, newSessionId } from '../dist/sandbox/docker/docker-backend.js';
import { parseAssertion } from '../dist/lessons/assertions.js';
import { runCheck } from '../dist/checks/index.js';
import { fmt, quick, report, summary } from './lib.mjs';

const runs = quick ? 3 : 15;
const STATE = [
  'ip netns add red && ip netns add blue',
  'ip link add veth-red type veth peer name veth-host && ip link set veth-red netns red',
  'ip -n red addr add 10.0.1.2/24 dev veth-red && ip -n red link set veth-red up && ip -n red link set lo up',
  'ip addr add 10.0.1.1/24 dev veth-host && ip link set veth-host up && ip -n red route add default via 10.0.1.1',
  'nft add table inet filter',
].join(' && ');

// Thirty state assertions over every state kind (no probes, no cmd): what a lesson step's check reads.
const THIRTY = [
  { netns: 'red' }, { netns: 'blue' }, { netns: 'green', exists: false },
  { link: 'veth-red', netns: 'red', state: 'UP', type: 'veth', peer: { name: 'veth-host' } },
  { link: 'veth-host', state: 'UP', peer: { name: 'veth-red', netns: 'red' } },
  { link: 'lo', netns: 'blue', state: 'DOWN' }, { link: 'eth9', exists: false }, { link: 'lo', netns: 'red', state: 'UP' },
  { addr: '10.0.1.2/24', netns: 'red', dev: 'veth-red' }, { addr: '10.0.1.1/24', dev: 'veth-host' }, { addr: '127.0.0.1/8', netns: 'red' },
  { route: 'default', via: '10.0.1.1', netns: 'red' }, { route: '10.0.1.0/24', dev: 'veth-host' }, { route: '10.0.1.2', table: 'local', netns: 'red' },
  { route: '10.9.0.0/16', exists: false }, { rule: { table: 'main', priority: 32766 } }, { rule: { table: 'main' }, netns: 'red' },
  { neigh: '10.0.9.9', exists: false }, { neigh: '10.0.9.8', netns: 'red', exists: false },
  { sysctl: 'net.ipv4.ip_forward' }, { sysctl: 'net.ipv4.conf.all.forwarding', netns: 'red' },
  { listen: 22, exists: false }, { listen: 80, netns: 'red', exists: false },
  { nft: { table: 'filter', family: 'inet' } }, { nft: { table: 'nat' }, netns: 'red', exists: false },
  { iptables: { table: 'nat', chain: 'POSTROUTING', match: 'MASQUERADE' }, exists: false },
  { iptables: { chain: 'FORWARD' }, netns: 'red' },
  { addr: '10.0.1.9', netns: 'red', exists: false }, { link: 'veth-host', mtu: 1500 }, { route: 'default', exists: false },
];
// Thirty assertions over the `ip` state only (what most steps check): the same tools as one assertion.
const THIRTY_IP = [
  ...THIRTY.filter((a) => ['netns', 'link', 'addr', 'route', 'rule', 'neigh'].some((k) => k in a && !('nft' in a) && !('iptables' in a) && !('listen' in a) && !('sysctl' in a))),
];
while (THIRTY_IP.length < 30) THIRTY_IP.push({ link: 'lo', netns: THIRTY_IP.length % 2 ? 'red' : 'blue' });
const toAssertions = (raws) =>
  raws.map((raw, i) => {
    const p = parseAssertion(raw, { file: 'bench', line: i + 1, col: 1 });
    if (!p.ok) throw new Error(JSON.stringify(p.problems));
    return p.assertion;
  });
const one = toAssertions([{ link: 'veth-red', netns: 'red', state: 'UP' }]);
const thirty = toAssertions(THIRTY);
const thirtyIp = toAssertions(THIRTY_IP);
// Ten: the first ten of the every-kind thirty (netns, link, addr, route), the size of a long step's check.
const ten = toAssertions(THIRTY.slice(0, 10));
if (thirty.length !== 30 || thirtyIp.length !== 30) throw new Error('expected 30 assertions');

const sandbox = await new DockerBackend().start({ sessionId: `b${newSessionId()}`, lessonId: 'bench-check' });
try {
  const ready = await sandbox.exec(STATE);
  if (ready.exitCode !== 0) throw new Error(ready.stderr);
  for (const as of [one, ten, thirtyIp, thirty]) {
    const r = await runCheck(sandbox, as);
    if (!r.passed) throw new Error(`bench state is wrong: ${r.assertions.filter((a) => !a.ok).map((a) => a.message).join('; ')}`);
  }
  const series = { floor: [], one: [], ten: [], thirtyIp: [], thirty: [] };
  const time = async (key, fn) => {
    const t0 = performance.now();
    await fn();
    series[key].push(performance.now() - t0);
  };
  await sandbox.exec('true'); // warm-up
  for (let i = 0; i < runs; i++) {
    await time('floor', () => sandbox.exec('true'));
    await time('one', () => runCheck(sandbox, one));
    await time('ten', () => runCheck(sandbox, ten));
    await time('thirtyIp', () => runCheck(sandbox, thirtyIp));
    await time('thirty', () => runCheck(sandbox, thirty));
  }
  const floor = summary(series.floor);
  const s1 = summary(series.one);
  const s10 = summary(series.ten);
  const s30ip = summary(series.thirtyIp);
  const s30 = summary(series.thirty);
  const r = (s) => Math.round((s.median / floor.median) * 100) / 100;
  report(
    `Check latency (floor: exec('true') through the same DockerSandbox; ${runs} interleaved runs)`,
    [
      ['what', 'median (min–max)', 'ratio'],
      ["exec('true')", fmt(floor), '1.00'],
      ['check, 1 state assertion', fmt(s1), r(s1).toFixed(2)],
      ['check, 10 state assertions', fmt(s10), r(s10).toFixed(2)],
      ['check, 30 ip-state assertions', fmt(s30ip), r(s30ip).toFixed(2)],
      ['check, 30 state assertions, every kind', fmt(s30), r(s30).toFixed(2)],
    ],
    { checkLatency: { floor, one: s1, ten: s10, thirtyIp: s30ip, thirty: s30, oneRatio: r(s1), tenRatio: r(s10), thirtyIpRatio: r(s30ip), thirtyRatio: r(s30), target: 1.5 } },
  );
} finally {
  await sandbox.stop();
}
