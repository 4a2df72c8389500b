import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sh, startSandbox } from '../helpers/sandbox.js';
import type { DockerSandbox } from '../../src/sandbox/docker/docker-sandbox.js';
import { judge } from './check-helpers.js';

let sb: DockerSandbox;
beforeAll(async () => {
  sb = await startSandbox('checks-routes');
  await sh(sb, [
    'ip netns add red',
    'ip link add veth-red type veth peer name veth-host && ip link set veth-red netns red',
    'ip -n red addr add 10.0.1.2/24 dev veth-red && ip -n red addr add 2001:db8::2/64 dev veth-red nodad && ip -n red link set veth-red up && ip link set veth-host up',
    'ip -n red route add default via 10.0.1.1',
    'ip -n red route add 192.0.2.0/24 via 10.0.1.254 table 100',
    'ip -n red -6 route add 2001:db8:1::/48 via 2001:db8::1',
    'ip -n red rule add from 10.0.1.0/24 table 100 priority 1000',
  ].join(' && '));
});
afterAll(() => sb?.stop());

describe('route', () => {
  it('passes for default, 0.0.0.0/0 and the connected route', async () => {
    expect((await judge(sb, { route: 'default', via: '10.0.1.1', netns: 'red' })).ok).toBe(true);
    expect((await judge(sb, { route: '0.0.0.0/0', dev: 'veth-red', netns: 'red' })).ok).toBe(true);
    expect((await judge(sb, { route: '10.0.1.0/24', dev: 'veth-red', scope: 'link', src: '10.0.1.2', netns: 'red' })).ok).toBe(true);
  });
  it('fails a missing route listing the routes there', async () => {
    const r = await judge(sb, { route: '10.0.9.0/24', netns: 'red' });
    expect(r).toMatchObject({ ok: false, actual: 'absent', expected: '10.0.9.0/24' });
    expect(r.message).toBe('no route to 10.0.9.0/24 in namespace red; routes there: default via 10.0.1.1 dev veth-red, 10.0.1.0/24 dev veth-red scope link src 10.0.1.2');
  });
  it('fails a route with another gateway naming it', async () => {
    const r = await judge(sb, { route: 'default', via: '10.0.1.254', netns: 'red' });
    expect(r.message).toBe('the route to default in namespace red goes via 10.0.1.1, expected via 10.0.1.254 (default via 10.0.1.1 dev veth-red)');
  });
  it('looks in the table asked for, and says when the route is in another table', async () => {
    expect((await judge(sb, { route: '192.0.2.0/24', table: 100, netns: 'red' })).ok).toBe(true);
    expect((await judge(sb, { route: '10.0.1.2', table: 'local', netns: 'red' })).ok).toBe(true);
    expect((await judge(sb, { route: '192.0.2.0/24', table: 'all', netns: 'red' })).ok).toBe(true);
    const r = await judge(sb, { route: '192.0.2.0/24', netns: 'red' });
    expect(r.message).toBe('no route to 192.0.2.0/24 in namespace red (there is one in table 100: 192.0.2.0/24 via 10.0.1.254 dev veth-red table 100); routes there: default via 10.0.1.1 dev veth-red, 10.0.1.0/24 dev veth-red scope link src 10.0.1.2');
  });
  it('reads IPv6 routes when an assertion names one', async () => {
    expect((await judge(sb, { route: '2001:db8:1::/48', via: '2001:db8::1', netns: 'red' })).ok).toBe(true);
    expect((await judge(sb, { route: '2001:db8:2::/48', netns: 'red' })).ok).toBe(false);
  });
  it('fails when the namespace does not exist', async () => {
    const r = await judge(sb, { route: 'default', netns: 'blue' });
    expect(r.message).toBe('namespace blue does not exist (namespaces: default, red)');
  });
  it('judges absence both ways', async () => {
    expect((await judge(sb, { route: 'default', exists: false })).ok).toBe(true);
    const r = await judge(sb, { route: 'default', netns: 'red', exists: false });
    expect(r.message).toBe('the route to default is still there in namespace red (default via 10.0.1.1 dev veth-red), expected it gone');
  });
});

describe('rule', () => {
  it('passes for a rule matched by from, table and priority', async () => {
    expect((await judge(sb, { rule: { from: '10.0.1.0/24', table: 100, priority: 1000 }, netns: 'red' })).ok).toBe(true);
  });
  it('fails a missing rule listing the rules there', async () => {
    const r = await judge(sb, { rule: { from: '10.0.2.0/24', table: 100 }, netns: 'red' });
    expect(r.message).toBe('no rule from 10.0.2.0/24 table 100 in namespace red; rules there: 0: from all lookup local, 1000: from 10.0.1.0/24 lookup 100, 32766: from all lookup main, 32767: from all lookup default');
  });
  it('judges absence both ways', async () => {
    expect((await judge(sb, { rule: { table: 100 }, exists: false })).ok).toBe(true);
    expect((await judge(sb, { rule: { table: 100 }, netns: 'red', exists: false })).ok).toBe(false);
  });
});
