/**
 * Topology → a terminal diagram: one box per namespace, a row per link (bridge ports nested under their
 * bridge), `══ ns:link` naming where each veth cable ends, default routes at the bottom of each box.
 * Columns line up across boxes so a cable's two ends are easy to compare. Unicode box drawing by default;
 * `ascii` for terminals that mangle it.
 */
import { defaultRoutes, type NetLink, type NetNamespace, type Topology } from './model.js';

export interface TextOptions {
  /** ANSI colours for link states. */
  color?: boolean;
  /** Plain ASCII instead of box-drawing characters. */
  ascii?: boolean;
}

const UNICODE = { tl: '╭', tr: '╮', bl: '╰', br: '╯', h: '─', v: '│', tee: '├─ ', last: '└─ ', cable: '══ ', dot: '·' };
const ASCII = { tl: '+', tr: '+', bl: '+', br: '+', h: '-', v: '|', tee: '|- ', last: '`- ', cable: '== ', dot: '-' };

/** A row of the box: either aligned link columns or one free line (a route, an error). */
type Row = { cells: string[] } | { line: string };

const COLUMNS = 6; // name, kind, state, mac, address, cable

export function renderText(topo: Topology, opts: TextOptions = {}): string {
  const g = opts.ascii ? ASCII : UNICODE;
  const boxes = topo.namespaces.map((ns) => ({ ns, rows: rowsOf(ns, g) }));

  // Column widths over every box; a column empty everywhere (no cables yet, say) is dropped.
  const widths = Array.from({ length: COLUMNS }, (_, i) =>
    Math.max(0, ...boxes.flatMap((b) => b.rows.map((r) => ('cells' in r ? r.cells[i]!.length : 0)))),
  );
  const used = widths.map((w) => w > 0);
  const cellsWidth = widths.reduce((sum, w, i) => sum + (used[i] ? w + 2 : 0), 0) - 2;
  const freeWidth = Math.max(0, ...boxes.flatMap((b) => b.rows.map((r) => ('line' in r ? r.line.length : 0))));
  const titleWidth = Math.max(0, ...boxes.map((b) => title(b.ns, g).length + 2));
  const inner = Math.max(cellsWidth, freeWidth, titleWidth, 20);

  const paintState = (s: string, padded: string) => {
    if (!opts.color) return padded;
    const code = s === 'UP' ? '32' : s === 'DOWN' || s === 'LOWERLAYERDOWN' ? '31' : '2';
    return `\x1b[${code}m${padded}\x1b[0m`;
  };
  const bold = (s: string) => (opts.color ? `\x1b[1m${s}\x1b[0m` : s);

  const out: string[] = [];
  for (const { ns, rows } of boxes) {
    const t = title(ns, g);
    out.push(`${g.tl}${g.h} ${bold(t)} ${g.h.repeat(Math.max(0, inner - t.length - 1))}${g.tr}`);
    for (const row of rows) {
      let text: string;
      if ('line' in row) text = row.line.padEnd(inner);
      else {
        const parts = row.cells
          .map((c, i) => ({ c, i }))
          .filter(({ i }) => used[i])
          .map(({ c, i }) => (i === 2 && c ? paintState(c, c.padEnd(widths[i]!)) : c.padEnd(widths[i]!)));
        text = parts.join('  ') + ' '.repeat(inner - cellsWidth);
      }
      out.push(`${g.v} ${text} ${g.v}`);
    }
    out.push(`${g.bl}${g.h.repeat(inner + 2)}${g.br}`);
  }
  out.push(summary(topo, g.dot));
  return out.join('\n') + '\n';
}

function title(ns: NetNamespace, g: typeof UNICODE): string {
  const name = ns.root ? `${ns.name} (root namespace)` : ns.name;
  return ns.forwarding ? `${name} ${g.dot} ip_forward on` : name;
}

function rowsOf(ns: NetNamespace, g: typeof UNICODE): Row[] {
  if (ns.error) return [{ line: `cannot read this namespace: ${ns.error}` }];
  const rows: Row[] = [];
  const bridges = new Set(ns.links.filter((l) => l.kind === 'bridge').map((l) => l.name));
  const isPort = (l: NetLink) => l.master !== undefined && bridges.has(l.master);
  for (const link of ns.links.filter((l) => !isPort(l))) {
    rows.push(...linkRows(link, ''));
    if (link.kind === 'bridge') {
      const ports = ns.links.filter((l) => l.master === link.name);
      ports.forEach((p, i) => rows.push(...linkRows(p, i === ports.length - 1 ? g.last : g.tee, g)));
    }
  }
  for (const r of defaultRoutes(ns)) {
    rows.push({ line: `default via ${r.gateway ?? '(no gateway)'}${r.dev ? ` dev ${r.dev}` : ''}` });
  }
  if (ns.links.length === 0) rows.push({ line: 'no links' });
  return rows;

  function linkRows(l: NetLink, prefix: string, glyphs = g): Row[] {
    const state = l.up ? l.state : 'DOWN';
    const cable = l.kind === 'veth' ? `${glyphs.cable}${l.peer ? `${l.peer.namespace}:${l.peer.link}` : '(a namespace with no name)'}` : '';
    const master = l.master && !bridges.has(l.master) ? ` (master ${l.master})` : '';
    const [first = '', ...more] = l.addresses;
    const out: Row[] = [{ cells: [prefix + l.name + master, l.kind, state, l.mac ?? '', first, cable] }];
    const indent = prefix ? ' '.repeat(prefix.length) : '';
    for (const a of more) out.push({ cells: [indent, '', '', '', a, ''] });
    return out;
  }
}

function summary(topo: Topology, dot: string): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const bridges = topo.bridges.map((b) => `${b.name}: ${n(b.ports.length, 'port')}`);
  return [
    n(topo.namespaces.length, 'namespace'),
    n(topo.cables.length, 'veth cable'),
    n(topo.bridges.length, 'bridge') + (bridges.length ? ` (${bridges.join(', ')})` : ''),
  ].join(` ${dot} `);
}
