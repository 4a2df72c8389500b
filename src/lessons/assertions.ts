/**
 * The assertion vocabulary of `check` blocks: the contract lessons are written against.
 * One kind key per item, its options beside it. Names here are public: add, never rename.
 */
import { z } from 'zod';

const name = z.string().min(1);
const scalar = z.union([z.string(), z.number()]).transform(String);

/** Options every kind accepts. */
const common = {
  message: z.string().optional(),
};
/** Options of kinds that read one namespace's state (omitted = the sandbox's root namespace). */
const inNetns = { netns: name.optional() };
/** Options of kinds that name an object, which may be asserted absent. */
const existence = { exists: z.boolean().optional() };

export const ASSERTION_SCHEMAS = {
  netns: z.strictObject({ netns: name, ...existence, ...common }),
  link: z.strictObject({
    link: name,
    type: z.string().optional(),
    state: z.enum(['UP', 'DOWN', 'up', 'down']).transform((s) => s.toUpperCase() as 'UP' | 'DOWN').optional(),
    master: z.string().optional(),
    mtu: z.number().int().positive().optional(),
    peer: z.strictObject({ name, netns: name.optional() }).optional(),
    ...inNetns,
    ...existence,
    ...common,
  }),
  addr: z.strictObject({ addr: name, dev: z.string().optional(), ...inNetns, ...existence, ...common }),
  route: z.strictObject({
    route: name,
    via: z.string().optional(),
    dev: z.string().optional(),
    table: scalar.optional(),
    src: z.string().optional(),
    scope: z.string().optional(),
    ...inNetns,
    ...existence,
    ...common,
  }),
  rule: z.strictObject({
    rule: z.strictObject({
      from: z.string().optional(),
      to: z.string().optional(),
      table: scalar.optional(),
      priority: z.number().int().nonnegative().optional(),
      iif: z.string().optional(),
      oif: z.string().optional(),
      fwmark: scalar.optional(),
    }),
    ...inNetns,
    ...existence,
    ...common,
  }),
  neigh: z.strictObject({
    neigh: name,
    dev: z.string().optional(),
    lladdr: z.string().optional(),
    ...inNetns,
    ...existence,
    ...common,
  }),
  sysctl: z.strictObject({ sysctl: name, value: scalar.optional(), ...inNetns, ...common }),
  listen: z.strictObject({
    listen: z.union([z.number().int().min(1).max(65535), z.string().regex(/^\d+$/)]).transform(Number),
    proto: z.enum(['tcp', 'udp']).optional(),
    addr: z.string().optional(),
    ...inNetns,
    ...existence,
    ...common,
  }),
  ping: z.strictObject({
    ping: name,
    from: name.optional(),
    expect: z.enum(['reachable', 'unreachable']).optional(),
    ...common,
  }),
  connect: z.strictObject({
    connect: z.string().regex(/^(\[[^\]]+\]|[^:\s]+):\d{1,5}$/, 'expected HOST:PORT'),
    from: name.optional(),
    expect: z.enum(['reachable', 'unreachable']).optional(),
    ...common,
  }),
  nft: z.strictObject({
    nft: z.strictObject({
      table: name,
      chain: z.string().optional(),
      family: z.string().optional(),
      match: z.string().optional(),
    }),
    ...inNetns,
    ...existence,
    ...common,
  }),
  iptables: z.strictObject({
    iptables: z.strictObject({
      table: z.string().default('filter'),
      chain: name,
      match: z.string().optional(),
    }),
    ...inNetns,
    ...existence,
    ...common,
  }),
  file: z.strictObject({ file: name, contains: z.string().optional(), ...existence, ...common }),
  cmd: z.strictObject({
    cmd: name,
    exit: z.number().int().optional(),
    stdout: z.string().optional(),
    ...inNetns,
    ...common,
  }),
} as const;

export type AssertionKind = keyof typeof ASSERTION_SCHEMAS;
export const ASSERTION_KINDS = Object.keys(ASSERTION_SCHEMAS) as AssertionKind[];

type Parsed<K extends AssertionKind> = z.output<(typeof ASSERTION_SCHEMAS)[K]>;

/** Where an assertion was written, for messages that name file:line. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

/** A validated assertion: `kind` tags the union, `spec` holds exactly what the author wrote (normalised). */
export type Assertion = {
  [K in AssertionKind]: { kind: K; spec: Parsed<K>; source: SourceLocation };
}[AssertionKind];

export type AssertionOf<K extends AssertionKind> = Extract<Assertion, { kind: K }>;

export interface AssertionProblem {
  /** Path inside the item (e.g. ['peer', 'netns']); empty for the item itself. */
  path: (string | number)[];
  reason: string;
}

/** Validate one raw YAML item. The caller attaches the source location. */
export function parseAssertion(
  raw: unknown,
  source: SourceLocation,
): { ok: true; assertion: Assertion } | { ok: false; problems: AssertionProblem[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [{ path: [], reason: `an assertion must be a mapping like \`link: eth0\`, got ${describe(raw)}` }] };
  }
  const keys = Object.keys(raw);
  const kinds = keys.filter((k): k is AssertionKind => k in ASSERTION_SCHEMAS);
  // `netns` is both a kind and an option: it is the kind only when no other kind key is present.
  // Likewise `addr` is an option of `listen` (the bound address).
  const primary = kinds.length > 1 ? kinds.filter((k) => k !== 'netns' && !(k === 'addr' && kinds.includes('listen'))) : kinds;
  if (primary.length === 0) {
    const unknown = keys.find((k) => !COMMON_OPTION_NAMES.has(k));
    return {
      ok: false,
      problems: [
        {
          path: unknown ? [unknown] : [],
          reason: unknown
            ? `unknown assertion kind \`${unknown}\` (known: ${ASSERTION_KINDS.join(', ')})`
            : `no assertion kind in this item (known: ${ASSERTION_KINDS.join(', ')})`,
        },
      ],
    };
  }
  if (primary.length > 1) {
    return { ok: false, problems: [{ path: [primary[1]!], reason: `one kind per assertion, found ${primary.join(' and ')}: split them into two items` }] };
  }
  const kind = primary[0]!;
  const result = ASSERTION_SCHEMAS[kind].safeParse(raw);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => issueToProblem(kind, issue)),
    };
  }
  return { ok: true, assertion: { kind, spec: result.data, source } as Assertion };
}

const COMMON_OPTION_NAMES = new Set(['message', 'netns', 'exists', 'from', 'expect']);

function issueToProblem(kind: AssertionKind, issue: z.core.$ZodIssue): AssertionProblem {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const where = path.length ? `\`${path.join('.')}\`` : `\`${kind}\``;
    return { path: [...path, key], reason: `unknown option \`${key}\` for ${where} (allowed: ${allowedOptions(kind, path).join(', ')})` };
  }
  const at = path.length ? `\`${path.join('.')}\`: ` : '';
  return { path, reason: `${at}${issue.message}` };
}

function allowedOptions(kind: AssertionKind, path: (string | number)[]): string[] {
  let schema: z.ZodType = ASSERTION_SCHEMAS[kind];
  for (const p of path) {
    const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
    const next = shape?.[String(p)];
    if (!next) break;
    schema = unwrap(next);
  }
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(s: z.ZodType): z.ZodType {
  let cur: any = s;
  while (cur?.def?.innerType || cur?.def?.in) cur = cur.def.innerType ?? cur.def.in;
  return cur;
}

function describe(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  return `a ${typeof v} (${JSON.stringify(v)})`;
}

/** The object an assertion names, for diagnostics and --json (`link veth0`, `route default`). */
export function assertionTarget(a: Assertion): string {
  switch (a.kind) {
    case 'rule':
      return Object.entries(a.spec.rule).map(([k, v]) => `${k} ${v}`).join(' ');
    case 'nft':
      return [a.spec.nft.family, a.spec.nft.table, a.spec.nft.chain].filter(Boolean).join(' ');
    case 'iptables':
      return `${a.spec.iptables.table} ${a.spec.iptables.chain}`;
    default:
      return String((a.spec as Record<string, unknown>)[a.kind]);
  }
}
