/**
 * The live network of a real sandbox after lesson 04's solutions (red, green, blue cabled to br0),
 * read in one exec and drawn as text, DOT and JSON.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/lessons/load-lessons.js';
import { fastForward } from '../../src/runner/fast-forward.js';
import type { DockerSandbox } from '../../src/sandbox/docker/docker-sandbox.js';
import { readTopology, renderDot, renderText, type Topology } from '../../src/topo/index.js';
import { sh, startSandbox } from '../helpers/sandbox.js';
import { normaliseMacs, ROOT } from '../teachers/run-cli.js';

let sandbox: DockerSandbox;
let topo: Topology;

beforeAll(async () => {
  sandbox = await startSandbox('topo-bridges');
  const bridges = (await loadLessons(path.join(ROOT, 'lessons'))).find((l) => l.id === 'bridges')!;
  // skipProof: the checker proves lessons elsewhere (verify); here only the resulting state matters.
  await fastForward(sandbox, bridges, bridges.steps.length + 1, { skipProof: true });
  // A new namespace copies ip_forward from the host, which differs between machines: pin it, and turn it on in red so the diagram shows it.
  await sh(sandbox, 'sysctl -qw net.ipv4.ip_forward=0; for n in green blue; do ip netns exec $n sysctl -qw net.ipv4.ip_forward=0; done; ip netns exec red sysctl -qw net.ipv4.ip_forward=1');
  await sh(sandbox, 'ip netns exec red ip route add default via 10.0.0.254');
  // The kernel reports a link's operational state asynchronously (linkwatch can lag up to a second
  // after `ip link set up`): wait, bounded, until no link that is up still shows LOWERLAYERDOWN or DOWN.
  await sh(
    sandbox,
    `for i in $(seq 50); do
       pending=$( { ip -o link; for n in $(ip netns list | cut -d' ' -f1); do ip -n "$n" -o link; done; } | grep ',UP' | grep -cE 'state (LOWERLAYERDOWN|DOWN)' || true)
       [ "$pending" = 0 ] && exit 0; sleep 0.1
     done; echo "links still settling: $pending" >&2; exit 1`,
  );
  topo = await readTopology(sandbox);
});

afterAll(async () => {
  await sandbox?.stop();
});

describe('readTopology after lesson 04 (bridges)', () => {
  it('lists the sandbox namespace and red, green, blue', () => {
    expect(topo.namespaces.map((n) => [n.name, n.root])).toEqual([
      ['sandbox', true],
      ['blue', false],
      ['green', false],
      ['red', false],
    ]);
  });

  it('finds br0 in the sandbox namespace with its three ports', () => {
    expect(topo.bridges).toEqual([{ namespace: 'sandbox', name: 'br0', state: 'UP', ports: ['veth-red', 'veth-green', 'veth-blue'] }]);
  });

  it('pairs each veth-COLOUR with the eth0 of its namespace', () => {
    expect(topo.cables.map((c) => c.ends)).toEqual(
      ['red', 'green', 'blue'].map((n) => [
        { namespace: 'sandbox', link: `veth-${n}` },
        { namespace: n, link: 'eth0' },
      ]),
    );
    const red = topo.namespaces.find((n) => n.name === 'red')!;
    expect(red.links.find((l) => l.name === 'eth0')).toMatchObject({ kind: 'veth', state: 'UP', addresses: ['10.0.0.1/24'], peer: { namespace: 'sandbox', link: 'veth-red' } });
  });

  it('reads forwarding and default routes per namespace', () => {
    const red = topo.namespaces.find((n) => n.name === 'red')!;
    expect(red.forwarding).toBe(true);
    expect(red.routes).toContainEqual(expect.objectContaining({ dst: 'default', gateway: '10.0.0.254', dev: 'eth0' }));
    expect(topo.namespaces.find((n) => n.name === 'blue')!.forwarding).toBe(false);
  });

  it('draws the text diagram (MACs normalised)', async () => {
    await expect(normaliseMacs(renderText(topo))).toMatchFileSnapshot('__snapshots__/bridges.txt');
  });

  it('draws an ASCII diagram on request', () => {
    const text = renderText(topo, { ascii: true });
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
    expect(text).toContain('`- veth-blue');
  });

  it('colours link states only when asked', () => {
    expect(renderText(topo)).not.toContain('\x1b[');
    expect(renderText(topo, { color: true })).toContain('\x1b[32mUP');
  });

  it('writes DOT with a cluster per namespace, a veth edge per cable and a dashed edge per port', async () => {
    const dot = normaliseMacs(renderDot(topo));
    expect(dot.match(/subgraph cluster_/g)).toHaveLength(4);
    expect(dot).toContain('"sandbox/veth-red" -- "red/eth0" [label="veth", penwidth=2];');
    expect(dot).toContain('"sandbox/veth-blue" -- "sandbox/br0" [style=dashed, label="port"];');
    await expect(dot).toMatchFileSnapshot('__snapshots__/bridges.dot');
  });
});

describe('readTopology on odd states', () => {
  it('pairs a veth whose two ends share a namespace, and shows a link that is down', async () => {
    const sb = await startSandbox('topo-odd');
    try {
      await sh(sb, 'ip link add left type veth peer name right && ip link set left up');
      const t = await readTopology(sb);
      const cable = t.cables.find((c) => c.ends.some((e) => e.link === 'left'));
      expect(cable?.ends.map((e) => `${e.namespace}:${e.link}`).sort()).toEqual(['sandbox:left', 'sandbox:right']);
      const right = t.namespaces[0]!.links.find((l) => l.name === 'right')!;
      expect(right).toMatchObject({ up: false, state: 'DOWN', peer: { namespace: 'sandbox', link: 'left' } });
      expect(renderText(t)).toMatch(/right\s+veth\s+DOWN/);
    } finally {
      await sb.stop();
    }
  });

  it('reports a stale /run/netns entry on that namespace instead of failing', async () => {
    const sb = await startSandbox('topo-stale');
    try {
      await sh(sb, 'ip netns add ok && touch /run/netns/ghost');
      const t = await readTopology(sb);
      expect(t.namespaces.map((n) => n.name)).toEqual(['sandbox', 'ghost', 'ok']);
      expect(t.namespaces[1]!.error).toMatch(/network namespace/i);
      expect(renderText(t)).toContain('cannot read this namespace');
    } finally {
      await sb.stop();
    }
  });
});
