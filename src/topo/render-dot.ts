/**
 * Topology → Graphviz DOT: a cluster per namespace, a node per link, a solid edge per veth cable, a
 * dashed edge from each bridge port to its bridge. `dot -Tsvg topo.dot > topo.svg` draws it.
 */
import { defaultRoutes, type NetLink, type NetNamespace, type Topology } from './model.js';

/** DOT ids and labels are double-quoted strings: escape what would end or break them. */
function q(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

const nodeId = (ns: string, link: string) => q(`${ns}/${link}`);

export function renderDot(topo: Topology): string {
  const out = ['graph topology {', '  graph [rankdir=LR, fontname="monospace", compound=true];', '  node [fontname="monospace", fontsize=10];', '  edge [fontname="monospace", fontsize=9];'];
  topo.namespaces.forEach((ns, i) => out.push(...cluster(ns, i)));
  for (const c of topo.cables) {
    out.push(`  ${nodeId(c.ends[0].namespace, c.ends[0].link)} -- ${nodeId(c.ends[1].namespace, c.ends[1].link)} [label="veth", penwidth=2];`);
  }
  for (const b of topo.bridges) {
    for (const p of b.ports) out.push(`  ${nodeId(b.namespace, p)} -- ${nodeId(b.namespace, b.name)} [style=dashed, label="port"];`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}

function cluster(ns: NetNamespace, i: number): string[] {
  const routes = defaultRoutes(ns).map((r) => `default via ${r.gateway ?? '-'}${r.dev ? ` dev ${r.dev}` : ''}`);
  const label = [ns.root ? `${ns.name} (root namespace)` : ns.name, ...(ns.forwarding ? ['ip_forward on'] : []), ...routes, ...(ns.error ? [`cannot read: ${ns.error}`] : [])];
  const lines = [`  subgraph cluster_${i} {`, `    label=${q(label.join('\n'))};`, '    style=rounded;'];
  for (const l of ns.links) lines.push(`    ${nodeId(ns.name, l.name)} [${node(l)}];`);
  lines.push('  }');
  return lines;
}

function node(l: NetLink): string {
  const label = [`${l.name} (${l.kind})`, l.up ? l.state : 'DOWN', ...l.addresses].join('\n');
  const shape = l.kind === 'bridge' ? 'box3d' : l.kind === 'loopback' ? 'ellipse' : 'box';
  const style = l.up && l.state !== 'DOWN' && l.state !== 'LOWERLAYERDOWN' ? 'rounded' : 'rounded,dashed';
  return `label=${q(label)}, shape=${shape}, style="${style}"`;
}
