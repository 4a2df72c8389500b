/**
 * Broken lessons on demand: each mutation takes a real lesson's text and damages it the way an editor,
 * a bad merge or a hostile course would (truncation, moved or missing fences, corrupt YAML, random bytes,
 * huge files, deep nesting, unknown keys). Deterministic for a given Rng.
 */
import type { Rng } from './seeded.js';

export type Mutation = (text: string, rng: Rng) => string | Buffer;

const lines = (t: string) => t.split('\n');
const fenceLines = (ls: string[]) => ls.map((l, i) => (/^\s*(```|~~~)/.test(l) ? i : -1)).filter((i) => i >= 0);
const frontMatterEnd = (ls: string[]) => (ls[0] === '---' ? ls.indexOf('---', 1) : -1);

/** A line inside a YAML region: the front matter or a `check` block. */
function yamlLine(ls: string[], rng: Rng): number {
  const regions: [number, number][] = [];
  const fm = frontMatterEnd(ls);
  if (fm > 1) regions.push([1, fm - 1]);
  ls.forEach((l, i) => {
    if (/^```check\b/.test(l)) {
      const end = ls.indexOf('```', i + 1);
      if (end > i + 1) regions.push([i + 1, end - 1]);
    }
  });
  if (!regions.length) return rng.int(0, Math.max(0, ls.length - 1));
  const [lo, hi] = rng.pick(regions);
  return rng.int(lo, hi);
}

const YAML_JUNK = [': [', '- {', '"unterminated', "'x", '\t- tab: indented', '&a [*a]', '!!binary ~~~', '? complex key', '{a: 1, a: 1}', '- ', ':', '*undefined_alias', '%YAML 9.9', '--- second document', 'key: value: other', '  - mis: indented', '\u0000', '\ufffd\ufffd', 'link: [lo, [eth0]]', 'netns: {}', 'state: 42', '- addr: not-an-ip/99'];

export const MUTATIONS: Record<string, Mutation> = {
  truncate: (t, rng) => t.slice(0, rng.int(0, t.length)),
  truncateMidFence: (t, rng) => {
    const ls = lines(t);
    const f = fenceLines(ls);
    if (!f.length) return t;
    return ls.slice(0, rng.pick(f) + rng.int(0, 2)).join('\n');
  },
  removeFence: (t, rng) => {
    const ls = lines(t);
    const f = fenceLines(ls);
    if (f.length) ls.splice(rng.pick(f), 1);
    return ls.join('\n');
  },
  swapFences: (t, rng) => {
    const ls = lines(t);
    const f = fenceLines(ls);
    if (f.length < 2) return t;
    const a = rng.pick(f);
    const b = rng.pick(f);
    [ls[a], ls[b]] = [ls[b]!, ls[a]!];
    return ls.join('\n');
  },
  renameFence: (t, rng) => {
    const ls = lines(t);
    const f = fenceLines(ls);
    if (f.length) ls[rng.pick(f)] = '```' + rng.pick(['check', 'hint', 'solution', 'wrong', 'console verify', 'checks', 'sh', 'check extra', '', 'solution solution']);
    return ls.join('\n');
  },
  moveBlockBeforeFirstStep: (t, rng) => {
    const ls = lines(t);
    const fm = Math.max(0, frontMatterEnd(ls) + 1);
    ls.splice(fm, 0, '```' + rng.pick(['check', 'solution', 'hint', 'wrong']), '- link: lo', '```');
    return ls.join('\n');
  },
  corruptYaml: (t, rng) => {
    const ls = lines(t);
    const at = yamlLine(ls, rng);
    ls.splice(at, rng.int(0, 1), rng.pick(YAML_JUNK));
    return ls.join('\n');
  },
  dropFrontMatterDelimiter: (t, rng) => {
    const ls = lines(t);
    const fm = frontMatterEnd(ls);
    ls.splice(rng.chance(0.5) || fm < 0 ? 0 : fm, 1);
    return ls.join('\n');
  },
  unknownKeys: (t, rng) => {
    const ls = lines(t);
    const key = rng.pick(['bogus: 1', 'Id: upper', 'steps: []', 'order: [1]', 'requires: nope', 'id: ../../etc/passwd', 'id: ""', '__proto__: {polluted: true}', 'constructor: x']);
    if (rng.chance(0.5) && frontMatterEnd(ls) > 0) ls.splice(1, 0, key);
    else {
      const at = yamlLine(ls, rng);
      ls.splice(at, 0, '  ' + key);
    }
    return ls.join('\n');
  },
  randomBytes: (t, rng) => {
    const buf = Buffer.from(t, 'utf8');
    const out = Buffer.from(buf);
    const n = rng.int(1, 64);
    for (let i = 0; i < n && out.length; i++) out[rng.int(0, out.length - 1)] = rng.int(0, 255);
    return out;
  },
  binaryGarbage: (_t, rng) => Buffer.from(Array.from({ length: rng.int(0, 4096) }, () => rng.int(0, 255))),
  encodings: (t, rng) => {
    const pick = rng.int(0, 3);
    if (pick === 0) return '\ufeff' + t;
    if (pick === 1) return t.replace(/\n/g, '\r\n');
    if (pick === 2) return t.replace(/\n/g, '\r');
    return Buffer.from(t, 'utf16le');
  },
  hugeFile: (t, rng) => {
    // Around the 1 MiB limit: just under (must parse quickly) and over (must be refused, not read).
    const target = rng.pick([900 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024]);
    return t.repeat(Math.ceil(target / Math.max(1, t.length))).slice(0, target);
  },
  hugeLine: (t, rng) => {
    const ls = lines(t);
    ls.splice(rng.int(0, ls.length), 0, rng.pick(['x', '`', '[', '#', '-', ' ']).repeat(rng.int(10_000, 500_000)));
    return ls.join('\n');
  },
  manySteps: (t, rng) => t + Array.from({ length: rng.int(100, 3000) }, (_, i) => `\n## Step ${i}\n\n\`\`\`check\n- link: lo\n\`\`\`\n`).join(''),
  deepYamlNesting: (t, rng) => {
    const ls = lines(t);
    const depth = rng.int(100, 20_000);
    const nest = rng.pick([
      () => '- link: ' + '['.repeat(depth) + ']'.repeat(depth),
      () => '- link: ' + '{a: '.repeat(depth) + '1' + '}'.repeat(depth),
      () => Array.from({ length: Math.min(depth, 2000) }, (_, i) => ' '.repeat(i) + 'k:').join('\n'),
      () => 'x: &a [' + '*a, '.repeat(Math.min(depth, 5000)) + ']',
      () => ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]'].join('\n'),
    ])();
    ls.splice(yamlLine(ls, rng), 0, nest);
    return ls.join('\n');
  },
  deepMarkdownNesting: (t, rng) => {
    const depth = rng.int(100, 10_000);
    const nest = rng.pick(['>', '-', '  -', '1.']);
    return t + '\n' + Array.from({ length: depth }, (_, i) => `${nest.repeat(Math.min(i, 400))} item`).join('\n');
  },
  duplicateLines: (t, rng) => {
    const ls = lines(t);
    const a = rng.int(0, ls.length - 1);
    const b = Math.min(ls.length, a + rng.int(1, 40));
    ls.splice(rng.int(0, ls.length), 0, ...ls.slice(a, b));
    return ls.join('\n');
  },
  emptyFile: () => '',
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);
/** The expensive ones (megabytes of text) drawn a quarter as often, so 1000 cases stay around a minute. */
const HEAVY = new Set(['hugeFile', 'hugeLine', 'manySteps', 'deepYamlNesting', 'deepMarkdownNesting']);
const DRAW = MUTATION_NAMES.flatMap((n) => Array<string>(HEAVY.has(n) ? 1 : 4).fill(n));

/** One to three mutations in a row; returns the bytes to write and what was done to them. */
export function mutateLesson(text: string, rng: Rng): { applied: string[]; content: Buffer } {
  let cur: string | Buffer = text;
  const applied: string[] = [];
  const n = rng.int(1, 3);
  for (let i = 0; i < n; i++) {
    const name = rng.pick(DRAW);
    applied.push(name);
    cur = MUTATIONS[name]!(typeof cur === 'string' ? cur : cur.toString('utf8'), rng);
  }
  return { applied, content: typeof cur === 'string' ? Buffer.from(cur, 'utf8') : cur };
}
