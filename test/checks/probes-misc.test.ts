import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sh, startSandbox } from '../helpers/sandbox.js';
import type { DockerSandbox } from '../../src/sandbox/docker/docker-sandbox.js';
import { check, judge } from './check-helpers.js';
import { runScript } from '../../src/sandbox/run-script.js';

let sb: DockerSandbox;
beforeAll(async () => {
  sb = await startSandbox('checks-probes');
  // red ↔ root over a veth; blue has a veth whose peer is down (no carrier) and no route anywhere.
  await sh(sb, [
    'ip netns add red && ip netns add blue',
    'ip link add veth-red type veth peer name veth-host && ip link set veth-red netns red',
    'ip -n red addr add 10.0.1.2/24 dev veth-red && ip -n red link set veth-red up && ip -n red link set lo up',
    'ip addr add 10.0.1.1/24 dev veth-host && ip link set veth-host up',
    'ip link add veth-blue type veth peer name veth-b && ip link set veth-blue netns blue && ip -n blue addr add 10.0.2.2/24 dev veth-blue && ip -n blue link set veth-blue up',
    'ip netns exec red sysctl -qw net.ipv4.ip_forward=1 && ip netns exec blue sysctl -qw net.ipv4.ip_forward=0',
    'mkdir -p /etc/netlessons-test && printf "nameserver 10.0.1.1\\n" > /etc/netlessons-test/resolv.conf',
  ].join(' && '));
  const r = await runScript(sb, 'nohup ip netns exec red nc -lk 10.0.1.2 80 >/dev/null 2>&1 &\nsleep 0.3');
  if (r.exitCode !== 0) throw new Error(r.stderr);
});
afterAll(() => sb?.stop());

describe('ping', () => {
  it('passes when the host answers, from the root and from a namespace', async () => {
    expect((await judge(sb, { ping: '10.0.1.2' })).ok).toBe(true);
    expect((await judge(sb, { ping: '10.0.1.1', from: 'red' })).ok).toBe(true);
    expect((await judge(sb, { ping: '10.0.9.9', from: 'red', expect: 'unreachable' })).ok).toBe(true);
  });
  it('fails an unanswered ping in about a second, naming the reason', async () => {
    const r = await check(sb, [{ ping: '10.0.1.77', from: 'red' }]);
    expect(r.assertions[0]!.message).toBe('10.0.1.77 does not answer ping from namespace red (no reply within 1 s)');
    expect(r.elapsedMs).toBeLessThan(2500);
  });
  it('says there is no route, and points at a link without carrier', async () => {
    const r = await judge(sb, { ping: '192.0.2.1', from: 'blue' });
    expect(r.message).toBe('192.0.2.1 does not answer ping from namespace blue (Network is unreachable: no route to it there); veth-blue is up, but no carrier: is its peer up?');
  });
  it('fails a ping expected unreachable that gets an answer', async () => {
    const r = await judge(sb, { ping: '10.0.1.1', from: 'red', expect: 'unreachable' });
    expect(r).toMatchObject({ ok: false, expected: 'unreachable', actual: 'reachable', message: '10.0.1.1 answers ping from namespace red, expected no answer' });
  });
  it('fails when the source namespace does not exist', async () => {
    expect((await judge(sb, { ping: '10.0.1.1', from: 'green' })).message).toBe('namespace green does not exist (namespaces: default, blue, red)');
  });
  it('runs many failing probes in parallel: five cost about one second', async () => {
    const r = await check(sb, [1, 2, 3, 4, 5].map((i) => ({ ping: `10.0.1.${100 + i}`, from: 'red' })));
    expect(r.assertions.every((a) => !a.ok)).toBe(true);
    expect(r.elapsedMs).toBeLessThan(2500);
  });
});

describe('connect', () => {
  it('passes when something accepts, fails naming a refusal', async () => {
    expect((await judge(sb, { connect: '10.0.1.2:80' })).ok).toBe(true);
    const r = await judge(sb, { connect: '10.0.1.2:81' });
    expect(r.message).toBe('cannot connect to 10.0.1.2:81 over TCP from namespace default (Connection refused: nothing listens there)');
    expect((await judge(sb, { connect: '10.0.1.2:81', expect: 'unreachable' })).ok).toBe(true);
    expect((await judge(sb, { connect: '10.0.1.2:80', from: 'red', expect: 'unreachable' })).ok).toBe(false);
  });
});

describe('sysctl', () => {
  it('reads the value per namespace', async () => {
    expect((await judge(sb, { sysctl: 'net.ipv4.ip_forward', value: 1, netns: 'red' })).ok).toBe(true);
    const r = await judge(sb, { sysctl: 'net.ipv4.ip_forward', value: 1, netns: 'blue' });
    expect(r.message).toBe('net.ipv4.ip_forward is 0 in namespace blue, expected 1');
  });
  it('without a value only needs it to exist', async () => {
    expect((await judge(sb, { sysctl: 'net.ipv4.conf.veth-red.forwarding', netns: 'red' })).ok).toBe(true);
    const r = await judge(sb, { sysctl: 'net.ipv4.ip_forwarding' });
    expect(r.message).toBe('sysctl net.ipv4.ip_forwarding does not exist in namespace default (no /proc/sys/net/ipv4/ip_forwarding)');
  });
});

describe('file', () => {
  it('passes for an existing file containing the text, fails naming the first line', async () => {
    expect((await judge(sb, { file: '/etc/netlessons-test/resolv.conf', contains: 'nameserver 10.0.1.1' })).ok).toBe(true);
    const r = await judge(sb, { file: '/etc/netlessons-test/resolv.conf', contains: '/nameserver 10\\.0\\.2\\./' });
    expect(r.message).toBe('/etc/netlessons-test/resolv.conf does not contain `/nameserver 10\\.0\\.2\\./`; its first line: nameserver 10.0.1.1');
  });
  it('judges absence both ways', async () => {
    expect((await judge(sb, { file: '/etc/nope', exists: false })).ok).toBe(true);
    expect((await judge(sb, { file: '/etc/nope' })).message).toBe('/etc/nope does not exist');
    expect((await judge(sb, { file: '/etc/netlessons-test/resolv.conf', exists: false })).ok).toBe(false);
  });
});

describe('cmd', () => {
  it('passes on the expected exit code and output, in a namespace', async () => {
    expect((await judge(sb, { cmd: 'ip -br link show veth-red', netns: 'red', stdout: 'UP' })).ok).toBe(true);
    expect((await judge(sb, { cmd: 'exit 3', exit: 3 })).ok).toBe(true);
  });
  it('fails naming the exit code and the last line of stderr, or the output', async () => {
    const r = await judge(sb, { cmd: 'echo oops >&2; exit 2' });
    expect(r.message).toBe('`echo oops >&2; exit 2` exited with 2, expected 0: oops');
    const o = await judge(sb, { cmd: 'echo hello', stdout: '/^bye/' });
    expect(o.message).toBe('`echo hello` printed `hello`, expected output matching `/^bye/`');
  });
  it('does not hang on a background process the command leaves behind', async () => {
    const r = await check(sb, [{ cmd: 'sleep 30 & echo started' , stdout: 'started' }]);
    expect(r.passed).toBe(true);
    expect(r.elapsedMs).toBeLessThan(3000);
  });
});
