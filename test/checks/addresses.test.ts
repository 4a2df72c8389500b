import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sh, startSandbox } from '../helpers/sandbox.js';
import type { DockerSandbox } from '../../src/sandbox/docker/docker-sandbox.js';
import { judge } from './check-helpers.js';

let sb: DockerSandbox;
beforeAll(async () => {
  sb = await startSandbox('checks-addresses');
  await sh(sb, [
    'ip netns add red',
    'ip link add veth-red type veth peer name veth-host && ip link set veth-red netns red',
    'ip -n red addr add 10.0.1.2/24 dev veth-red && ip -n red addr add 2001:db8::2/64 dev veth-red && ip -n red link set veth-red up',
    'ip addr add 10.0.1.1/24 dev veth-host && ip link set veth-host up',
    'ip -n red neigh add 10.0.1.9 lladdr AA:BB:CC:00:11:22 dev veth-red nud permanent',
  ].join(' && '));
});
afterAll(() => sb?.stop());

describe('addr', () => {
  it('passes with the exact prefix, without a prefix, and with IPv6 written another way', async () => {
    expect((await judge(sb, { addr: '10.0.1.2/24', netns: 'red', dev: 'veth-red' })).ok).toBe(true);
    expect((await judge(sb, { addr: '10.0.1.2', netns: 'red' })).ok).toBe(true);
    expect((await judge(sb, { addr: '2001:DB8:0:0::2/64', netns: 'red' })).ok).toBe(true);
  });
  it('fails a wrong prefix length naming the actual one', async () => {
    const r = await judge(sb, { addr: '10.0.1.2/16', netns: 'red' });
    expect(r).toMatchObject({ ok: false, expected: '10.0.1.2/16 in red', actual: '10.0.1.2/24 on veth-red' });
    expect(r.message).toBe('10.0.1.2 is on veth-red in namespace red with prefix /24, expected /16');
  });
  it('fails when the address is on another device', async () => {
    const r = await judge(sb, { addr: '10.0.1.2/24', netns: 'red', dev: 'lo' });
    expect(r.message).toBe('10.0.1.2/24 is on veth-red in namespace red, expected on lo');
  });
  it('fails when the address is in another namespace and says which', async () => {
    const r = await judge(sb, { addr: '10.0.1.2/24' });
    expect(r.message).toBe('10.0.1.2 is on veth-red in namespace red, expected in namespace default');
  });
  it('fails a missing address listing the addresses there', async () => {
    const r = await judge(sb, { addr: '10.0.9.9/24', netns: 'red' });
    expect(r.message).toBe('10.0.9.9/24 is not on any interface in namespace red; addresses there: 10.0.1.2/24 on veth-red, 2001:db8::2/64 on veth-red');
  });
  it('judges absence both ways', async () => {
    expect((await judge(sb, { addr: '10.0.1.2/24', exists: false })).ok).toBe(true);
    const r = await judge(sb, { addr: '10.0.1.2', netns: 'red', exists: false });
    expect(r.message).toBe('10.0.1.2 is still on veth-red in namespace red, expected it gone');
  });
});

describe('neigh', () => {
  it('passes comparing lladdr case-insensitively', async () => {
    expect((await judge(sb, { neigh: '10.0.1.9', netns: 'red', lladdr: 'aa:bb:cc:00:11:22', dev: 'veth-red' })).ok).toBe(true);
  });
  it('fails a different lladdr naming the actual one', async () => {
    const r = await judge(sb, { neigh: '10.0.1.9', netns: 'red', lladdr: 'aa:bb:cc:00:11:33' });
    expect(r.message).toBe('10.0.1.9 in namespace red has lladdr aa:bb:cc:00:11:22, expected aa:bb:cc:00:11:33');
  });
  it('fails a missing entry listing the table', async () => {
    const r = await judge(sb, { neigh: '10.0.1.8', netns: 'red' });
    expect(r.message).toBe('no neighbour entry for 10.0.1.8 in namespace red; entries there: 10.0.1.9 dev veth-red lladdr aa:bb:cc:00:11:22 PERMANENT');
  });
  it('judges absence both ways', async () => {
    expect((await judge(sb, { neigh: '10.0.1.8', netns: 'red', exists: false })).ok).toBe(true);
    expect((await judge(sb, { neigh: '10.0.1.9', netns: 'red', exists: false })).ok).toBe(false);
  });
});
