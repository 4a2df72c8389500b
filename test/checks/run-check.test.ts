import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sh, startSandbox } from '../helpers/sandbox.js';
import type { DockerSandbox } from '../../src/sandbox/docker/docker-sandbox.js';
import { formatCheckResult, runCheck } from '../../src/checks/index.js';
import { CheckError } from '../../src/errors.js';
import { assertion, check, counting } from './check-helpers.js';

let sb: DockerSandbox;
beforeAll(async () => {
  sb = await startSandbox('checks-run');
  await sh(sb, [
    'ip netns add red && ip netns add blue',
    'ip link add veth-red type veth peer name veth-host && ip link set veth-red netns red',
    'ip -n red addr add 10.0.1.2/24 dev veth-red && ip -n red link set veth-red up && ip -n red link set lo up',
    'ip addr add 10.0.1.1/24 dev veth-host && ip link set veth-host up && ip -n red route add default via 10.0.1.1',
    "nft add table inet filter",
  ].join(' && '));
});
afterAll(() => sb?.stop());

/** Thirty assertions over every state kind, plus probes and commands. */
const THIRTY: Record<string, unknown>[] = [
  { netns: 'red' }, { netns: 'blue' }, { netns: 'green', exists: false },
  { link: 'veth-red', netns: 'red', state: 'UP', type: 'veth', peer: { name: 'veth-host' } },
  { link: 'veth-host', state: 'UP', peer: { name: 'veth-red', netns: 'red' } },
  { link: 'lo', netns: 'blue', state: 'DOWN' }, { link: 'eth9', exists: false },
  { addr: '10.0.1.2/24', netns: 'red', dev: 'veth-red' }, { addr: '10.0.1.1/24', dev: 'veth-host' }, { addr: '127.0.0.1/8', netns: 'red' },
  { route: 'default', via: '10.0.1.1', netns: 'red' }, { route: '10.0.1.0/24', dev: 'veth-host' }, { route: '10.0.1.2', table: 'local', netns: 'red' },
  { route: '10.9.0.0/16', exists: false }, { rule: { table: 'main', priority: 32766 } }, { rule: { table: 'main' }, netns: 'red' },
  { neigh: '10.0.9.9', exists: false }, { sysctl: 'net.ipv4.ip_forward' }, { sysctl: 'net.ipv4.conf.all.forwarding', netns: 'red' },
  { listen: 22, exists: false }, { listen: 80, netns: 'red', exists: false },
  { nft: { table: 'filter', family: 'inet' } }, { nft: { table: 'nat' }, netns: 'red', exists: false },
  { iptables: { table: 'nat', chain: 'POSTROUTING', match: 'MASQUERADE' }, exists: false },
  { file: '/etc/hostname' }, { cmd: 'true' }, { cmd: 'ip -br addr', netns: 'red', stdout: '10.0.1.2' },
  { ping: '10.0.1.2' }, { ping: '10.0.1.1', from: 'red' }, { connect: '10.0.1.2:80', expect: 'unreachable' },
];

describe('runCheck', () => {
  it('judges 30 assertions of every kind, probes included, in one round trip to the sandbox', async () => {
    expect(THIRTY).toHaveLength(30);
    const counted = counting(sb);
    const r = await runCheck(counted, THIRTY.map(assertion));
    expect(counted.calls).toBe(1);
    expect(r.assertions.filter((a) => !a.ok).map((a) => `${a.kind} ${a.target}: ${a.message}`)).toEqual([]);
    expect(r.passed).toBe(true);
  });

  it('serialises to the --json shape', async () => {
    const r = await check(sb, [{ link: 'veth-red', netns: 'red' }, { addr: '10.0.1.3/24', netns: 'red' }]);
    const json = JSON.parse(JSON.stringify(r));
    expect(Object.keys(json).sort()).toEqual(['assertions', 'elapsedMs', 'passed']);
    expect(json.passed).toBe(false);
    expect(json.assertions[1]).toEqual({
      kind: 'addr',
      target: '10.0.1.3/24',
      ok: false,
      expected: '10.0.1.3/24 in red',
      actual: 'absent',
      message: '10.0.1.3/24 is not on any interface in namespace red; addresses there: 127.0.0.1/8 on lo, ::1/128 on lo, 10.0.1.2/24 on veth-red',
      source: expect.objectContaining({ file: 'test.md' }),
    });
  });

  it('formats passes briefly, failures with their sentence, and the first failure as Next', async () => {
    const r = await check(sb, [{ link: 'veth-red', netns: 'red' }, { route: '10.0.2.0/24', netns: 'red' }, { netns: 'green' }]);
    const text = formatCheckResult(r);
    expect(text).toBe(
      [
        '  ok    link veth-red',
        '  FAIL  route 10.0.2.0/24',
        '        no route to 10.0.2.0/24 in namespace red; routes there: default via 10.0.1.1 dev veth-red, 10.0.1.0/24 dev veth-red scope link src 10.0.1.2',
        '  FAIL  netns green',
        '        namespace green does not exist (namespaces: default, blue, red)',
        '',
        '1 of 3 checks pass.',
        'Next: no route to 10.0.2.0/24 in namespace red; routes there: default via 10.0.1.1 dev veth-red, 10.0.1.0/24 dev veth-red scope link src 10.0.1.2',
      ].join('\n'),
    );
    expect(text).not.toMatch(/\x1b|[^\x20-\x7e\n]/);
    expect(formatCheckResult(r, { color: true })).toContain('\x1b[');
  });

  it('needs no round trip for an empty check', async () => {
    const counted = counting(sb);
    expect(await runCheck(counted, [])).toMatchObject({ passed: true, assertions: [] });
    expect(counted.calls).toBe(0);
  });
});

describe('runCheck when the sandbox cannot answer', () => {
  let broken: DockerSandbox;
  beforeAll(async () => {
    broken = await startSandbox('checks-broken');
    // No nft in the image, and an `ip` that prints something that is not JSON.
    await sh(broken, 'mv /usr/sbin/nft /usr/sbin/nft.off && mv /usr/sbin/ip /usr/sbin/ip.real && printf "#!/bin/sh\\necho garbage\\n" > /usr/sbin/ip && chmod +x /usr/sbin/ip');
  });
  afterAll(() => broken?.stop());

  it('throws a CheckError naming the assertion and its lesson line when a tool is missing', async () => {
    const a = assertion({ nft: { table: 'filter' } });
    const err = await runCheck(broken, [a]).catch((e) => e);
    expect(err).toBeInstanceOf(CheckError);
    expect(err.message).toBe(`Cannot check \`nft filter\` (test.md:${a.source.line}): nft is not installed in the sandbox.`);
    expect(err.hint).toMatch(/netlessons image build/);
  });

  it('throws a CheckError, not a crash, when the snapshot does not parse', async () => {
    const a = assertion({ link: 'lo' });
    const err = await runCheck(broken, [a]).catch((e) => e);
    expect(err).toBeInstanceOf(CheckError);
    expect(err.message).toBe(`Cannot check \`link lo\` (test.md:${a.source.line}): ip printed something that is not JSON: garbage.`);
  });
});

describe('runCheck when another namespace cannot be entered', () => {
  let sb: DockerSandbox;
  beforeAll(async () => {
    sb = await startSandbox('checks-no-nsenter');
    await sh(sb, 'ip netns add red && mv /usr/bin/nsenter /usr/bin/nsenter.off');
  });
  afterAll(() => sb?.stop());

  it('names nsenter when it is missing, instead of "state was not read"', async () => {
    const a = assertion({ listen: 80, netns: 'red' });
    const err = await runCheck(sb, [a]).catch((e) => e);
    expect(err).toBeInstanceOf(CheckError);
    expect(err.message).toBe(`Cannot check \`listen 80\` (test.md:${a.source.line}): nsenter is not installed in the sandbox.`);
  });

  it('says the namespace could not be entered when nsenter fails', async () => {
    await sh(sb, 'printf "#!/bin/sh\\necho nope >&2; exit 1\\n" > /usr/bin/nsenter && chmod +x /usr/bin/nsenter');
    const a = assertion({ sysctl: 'net.ipv4.ip_forward', netns: 'red' });
    const err = await runCheck(sb, [a]).catch((e) => e);
    expect(err).toBeInstanceOf(CheckError);
    expect(err.message).toBe(`Cannot check \`sysctl net.ipv4.ip_forward\` (test.md:${a.source.line}): could not enter namespace red (nsenter exit code 1).`);
  });
});
