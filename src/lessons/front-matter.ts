/** A lesson's YAML front matter: found between `---` lines, parsed with `yaml`, validated with zod. */
import { isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import { z } from 'zod';
import { BACKENDS, type BackendName } from '../sandbox/sandbox.js';
import { LESSON_ID } from './lesson-id.js';
import type { Lesson } from './model.js';
import { offsetOf, parseYamlSnippet, type FilePosition, type YamlSnippet } from './yaml-source.js';

export { LESSON_ID };
const id = z.string().regex(LESSON_ID);

const FRONT_MATTER = z.strictObject({
  id,
  title: z.string().trim().min(1),
  summary: z.string().trim().min(1),
  order: z.number(),
  requires: z.array(id).optional(),
  backends: z.array(z.enum(BACKENDS as [BackendName, ...BackendName[]])).optional(),
  setup: z.string().optional(),
  kernel: z.array(z.string().trim().min(1)).optional(),
});
const KEYS = Object.keys(FRONT_MATTER.shape);

/** What each key must be, for messages that say more than "invalid type". */
const EXPECTED: Record<string, string> = {
  id: 'a kebab-case id',
  title: 'text',
  summary: 'text',
  order: 'a number',
  requires: 'a list of lesson ids, like [empty-namespace]',
  backends: `a list of backends, like [${BACKENDS.join(', ')}]`,
  setup: 'shell commands (text; use `setup: |` for several lines)',
  kernel: 'a list of kernel features, like [dummy]',
};

/** The lesson's fields that come from its front matter. */
export type FrontMatter = Pick<Lesson, 'id' | 'title' | 'summary' | 'order' | 'requires' | 'backends' | 'kernel' | 'setup'>;

export interface Located<T> extends FilePosition {
  value: T;
}

/** Parts of the front matter read even when the whole is invalid, for cross-lesson checks. */
export interface FrontMatterMeta {
  id?: Located<string>;
  requires: Located<string>[];
}

export interface ProblemAt extends FilePosition {
  reason: string;
}

export interface FrontMatterResult {
  data?: FrontMatter;
  meta: FrontMatterMeta;
  problems: ProblemAt[];
  /** Index in `lines` of the first line after the front matter. */
  bodyStart: number;
  /** False when there is no front matter or it is never closed: the file is likely not a lesson at all. */
  delimited: boolean;
}

const isFence = (line: string | undefined) => line !== undefined && /^---[ \t]*$/.test(line);

export function readFrontMatter(lines: readonly string[]): FrontMatterResult {
  const meta: FrontMatterMeta = { requires: [] };
  if (!isFence(lines[0])) {
    return { meta, bodyStart: 0, delimited: false, problems: [{ line: 1, col: 1, reason: 'missing front matter: a lesson starts with a `---` line, then id, title, summary and order, then `---`' }] };
  }
  const close = lines.findIndex((l, i) => i > 0 && (isFence(l) || /^\.\.\.[ \t]*$/.test(l)));
  if (close < 0) {
    return { meta, bodyStart: lines.length, delimited: false, problems: [{ line: 1, col: 1, reason: 'the front matter opened here is never closed by a `---` line' }] };
  }
  const parsed = parseYamlSnippet(lines.slice(1, close).join('\n'), 2);
  if (!parsed.ok) return { meta, bodyStart: close + 1, delimited: true, problems: parsed.errors };
  const { snippet } = parsed;
  const raw = snippet.value ?? {};
  if (!isMap(snippet.doc.contents) && snippet.doc.contents !== null) {
    return { meta, bodyStart: close + 1, delimited: true, problems: [{ line: 2, col: 1, reason: 'the front matter must be YAML keys and values (`id: my-lesson`), not a list or a single value' }] };
  }
  readMeta(snippet, meta);
  const result = FRONT_MATTER.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => describeIssue(issue, raw as Record<string, unknown>, snippet));
    return { meta, bodyStart: close + 1, delimited: true, problems };
  }
  const d = result.data;
  return {
    meta,
    bodyStart: close + 1,
    delimited: true,
    problems: [],
    data: {
      id: d.id,
      title: d.title,
      summary: d.summary,
      order: d.order,
      requires: d.requires ?? [],
      backends: d.backends ?? [...BACKENDS],
      kernel: d.kernel ?? [],
      setup: d.setup === undefined ? undefined : { code: d.setup, line: setupLine(snippet) },
    },
  };
}

function readMeta(snippet: YamlSnippet, meta: FrontMatterMeta): void {
  const contents = snippet.doc.contents;
  if (!isMap(contents)) return;
  for (const pair of contents.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const value = pair.value;
    if (pair.key.value === 'id' && isScalar(value) && typeof value.value === 'string') {
      meta.id = { value: value.value, ...snippet.at(value.range![0]) };
    }
    if (pair.key.value === 'requires' && isSeq(value)) {
      for (const item of value.items) {
        if (isScalar(item) && typeof item.value === 'string') meta.requires.push({ value: item.value, ...snippet.at(item.range![0]) });
      }
    }
  }
}

/** The line a `setup` script's first command is on: after the `|` of a block scalar, else the key's line. */
function setupLine(snippet: YamlSnippet): number {
  const node = snippet.doc.get('setup', true);
  if (!isScalar(node) || !node.range) return 2;
  const header = snippet.at(node.range[0]).line;
  return node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED ? header + 1 : header;
}

function describeIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>, snippet: YamlSnippet): ProblemAt[] {
  const root = snippet.doc.contents;
  const at = (path: readonly PropertyKey[], on: 'key' | 'value' = 'value'): FilePosition => {
    const offset = offsetOf(root, path.map((p) => (typeof p === 'number' ? p : String(p))), on);
    return offset === undefined ? { line: 1, col: 1 } : snippet.at(offset);
  };
  const key = String(issue.path[0] ?? '');
  const name = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${String(p)}` : String(p))).join('');
  const value = issue.path.reduce<unknown>((v, p) => (v as Record<PropertyKey, unknown> | undefined)?.[p as string], raw);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ ...at([k], 'key'), reason: `unknown front-matter key \`${k}\` (allowed: ${KEYS.join(', ')})` }));
    case 'invalid_type':
      if (value === undefined && issue.path.length === 1) return [{ line: 1, col: 1, reason: `missing \`${key}\` in the front matter (${EXPECTED[key]})` }];
      if (issue.path.length > 1) return [{ ...at(issue.path), reason: `\`${name}\` must be text, got ${describe(value)}` }];
      return [{ ...at(issue.path), reason: `\`${key}\` must be ${EXPECTED[key]}, got ${describe(value)}` }];
    case 'invalid_format':
      return [{ ...at(issue.path), reason: `\`${name}\` is ${JSON.stringify(value)}, not a kebab-case id (lowercase letters, digits and single hyphens, like empty-namespace)` }];
    case 'too_small':
      return [{ ...at(issue.path), reason: `\`${name}\` is empty` }];
    case 'invalid_value':
      if (key === 'backends') return [{ ...at(issue.path), reason: `unknown backend ${JSON.stringify(value)} (known: ${BACKENDS.join(', ')})` }];
      return [{ ...at(issue.path), reason: `\`${name}\`: ${issue.message}` }];
    default:
      return [{ ...at(issue.path), reason: `\`${name}\`: ${issue.message}` }];
  }
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return `${typeof v === 'string' ? 'text' : `a ${typeof v}`} (${JSON.stringify(v)})`;
}
