import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sh, startSandbox } from '../helpers/sandbox.js';
import type { DockerSandbox } from '../../src/sandbox/docker/docker-sandbox.js';
import { judge } from './check-helpers.js';

let sb: DockerSandbox;
beforeAll(async () => {
  sb = await startSandbox('checks-links');
  // red holds veth-red (up, peer down: no carrier); the peer veth-host stays in the root namespace.
  // blue holds eth0 whose peer eth1 is in green; br0 in the root has port veth-br.
  await sh(sb, [
    'ip netns add red && ip netns add blue && ip netns add green',
    'ip link add veth-red type veth peer name veth-host && ip link set veth-red netns red && ip -n red link set veth-red up',
    'ip -n blue link add eth0 type veth peer name eth1 netns green && ip -n blue link set eth0 up && ip -n green link set eth1 up',
    'ip link add br0 type bridge && ip link add veth-br type veth peer name veth-br2 && ip link set veth-br master br0 && ip link set veth-br mtu 1400',
  ].join(' && '));
});
afterAll(() => sb?.stop());

describe('netns', () => {
  it('passes when the namespace exists and fails naming the existing ones when it does not', async () => {
    expect((await judge(sb, { netns: 'red' })).ok).toBe(true);
    const r = await judge(sb, { netns: 'rde' });
    expect(r.ok).toBe(false);
    expect(r.message).toBe('namespace rde does not exist (did you mean red?) (namespaces: default, blue, green, red)');
  });
  it('judges absence both ways', async () => {
    expect((await judge(sb, { netns: 'purple', exists: false })).ok).toBe(true);
    const r = await judge(sb, { netns: 'red', exists: false });
    expect(r.message).toBe('namespace red still exists, expected it gone');
  });
});

describe('link', () => {
  it('passes for a link in the named namespace with the right type', async () => {
    const r = await judge(sb, { link: 'veth-red', netns: 'red', type: 'veth' });
    expect(r).toMatchObject({ ok: true, kind: 'link', target: 'veth-red' });
  });
  it('fails when the link is in another namespace and says which', async () => {
    const r = await judge(sb, { link: 'veth-red', netns: 'blue' });
    expect(r.ok).toBe(false);
    expect(r.message).toBe('veth-red is in namespace red, expected in blue');
    expect(r.actual).toBe('netns red');
  });
  it('fails for a missing link with the nearest name and the links there', async () => {
    const r = await judge(sb, { link: 'veth_red', netns: 'red' });
    expect(r.message).toBe('no link veth_red in namespace red (did you mean veth-red?); links there: lo, veth-red');
  });
  it('counts an UP link without carrier as UP and says why it has no carrier', async () => {
    const up = await judge(sb, { link: 'veth-red', netns: 'red', state: 'UP' });
    expect(up).toMatchObject({ ok: true, actual: 'netns red, state UP, no carrier', message: 'up, but no carrier: is its peer up?' });
    const down = await judge(sb, { link: 'veth-red', netns: 'red', state: 'DOWN' });
    expect(down.ok).toBe(false);
    expect(down.message).toBe('veth-red in namespace red is UP, no carrier, expected DOWN');
  });
  it('fails a DOWN link expected UP', async () => {
    const r = await judge(sb, { link: 'veth-host', state: 'up' });
    expect(r.message).toBe('veth-host in namespace default is DOWN, expected UP');
    expect(r.expected).toBe('netns default, state UP');
  });
  it('judges type, master and mtu and names every difference', async () => {
    expect((await judge(sb, { link: 'veth-br', master: 'br0', mtu: 1400 })).ok).toBe(true);
    const r = await judge(sb, { link: 'veth-br', type: 'bridge', master: 'br1', mtu: 1500 });
    expect(r.message).toBe('veth-br in namespace default is a veth, expected a bridge, and has master br0, expected br1, and has mtu 1400, expected 1500');
    const none = await judge(sb, { link: 'veth-br2', master: 'br0' });
    expect(none.message).toBe('veth-br2 in namespace default has no master, expected br0');
  });
  it('finds a veth peer across namespaces by ifindex and netnsid', async () => {
    expect((await judge(sb, { link: 'veth-red', netns: 'red', peer: { name: 'veth-host' } })).ok).toBe(true);
    expect((await judge(sb, { link: 'veth-host', peer: { name: 'veth-red', netns: 'red' } })).ok).toBe(true);
    expect((await judge(sb, { link: 'eth0', netns: 'blue', peer: { name: 'eth1', netns: 'green' } })).ok).toBe(true);
    expect((await judge(sb, { link: 'eth1', netns: 'green', peer: { name: 'eth0', netns: 'blue' } })).ok).toBe(true);
    expect((await judge(sb, { link: 'veth-br', peer: { name: 'veth-br2', netns: 'default' } })).ok).toBe(true);
    expect((await judge(sb, { link: 'veth-br', peer: { name: 'veth-br2' } })).ok).toBe(true);
  });
  it('fails a wrong peer naming the actual one and where it is', async () => {
    const r = await judge(sb, { link: 'eth0', netns: 'blue', peer: { name: 'eth1', netns: 'red' } });
    expect(r.message).toBe('eth0 in namespace blue has peer eth1 in namespace green, expected eth1 in namespace red');
    const notVeth = await judge(sb, { link: 'br0', peer: { name: 'x' } });
    expect(notVeth.message).toBe('br0 in namespace default is not a veth, so it has no peer (it is a bridge)');
  });
  it('judges absence both ways', async () => {
    expect((await judge(sb, { link: 'veth-red', exists: false })).ok).toBe(true);
    const r = await judge(sb, { link: 'veth-red', netns: 'red', exists: false });
    expect(r.message).toBe('veth-red still exists in namespace red, expected it gone');
  });
  it('fails, not throws, when the namespace does not exist', async () => {
    const r = await judge(sb, { link: 'lo', netns: 'nowhere' });
    expect(r.ok).toBe(false);
    expect(r.message).toBe('namespace nowhere does not exist (namespaces: default, blue, green, red)');
  });
  it('uses the author message when given', async () => {
    const r = await judge(sb, { link: 'lo', netns: 'red', state: 'UP', message: 'bring lo up inside red' });
    expect(r).toMatchObject({ ok: false, message: 'bring lo up inside red', actual: 'netns red, state DOWN' });
  });
});
