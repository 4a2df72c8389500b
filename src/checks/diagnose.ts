/** What the evaluators share: verdicts, namespace lookup, nearest names, and how state is named in sentences. */
import type { Assertion } from '../lessons/assertions.js';
import { CheckError } from '../errors.js';
import type { KernelSnapshot, NamespaceState } from './snapshot.js';
import { need, type IpState } from './snapshot.js';
import { ROOT } from './snapshot-script.js';

/** One assertion judged: the evaluator's view before the author's message is applied. */
export interface Verdict {
  ok: boolean;
  expected: string;
  actual: string;
  /** A sentence with expected and actual (for a pass: a short note, or empty). */
  message: string;
}

export function pass(expected: string, actual: string = expected, message = ''): Verdict {
  return { ok: true, expected, actual, message };
}

export function fail(expected: string, actual: string, message: string): Verdict {
  return { ok: false, expected, actual, message };
}

/** The root namespace is called `default` in sentences, as `ip netns identify` leaves it unnamed. */
export function nsLabel(name: string): string {
  return name === ROOT ? 'default' : name;
}

export function inNs(name: string): string {
  return `in namespace ${nsLabel(name)}`;
}

export function namespaceNames(snapshot: KernelSnapshot): string[] {
  return [...snapshot.namespaces.keys()].map(nsLabel);
}

/** The namespace an assertion reads, or the failed verdict that says it does not exist. */
export function lookupNs(snapshot: KernelSnapshot, name: string | undefined, expected: string): NamespaceState | Verdict {
  const ns = snapshot.namespaces.get(name ?? ROOT);
  if (ns) return ns;
  const near = nearest(name!, [...snapshot.namespaces.keys()].filter(Boolean));
  return fail(expected, 'no such namespace', `namespace ${name} does not exist${near ? ` (did you mean ${near}?)` : ''} (namespaces: ${namespaceNames(snapshot).join(', ')})`);
}

export function isVerdict(v: unknown): v is Verdict {
  return typeof v === 'object' && v !== null && 'ok' in v && 'message' in v;
}

/** The ip state of a namespace an assertion reads (CheckError if it could not be read). */
export function ipOf(ns: NamespaceState, a: Assertion): IpState {
  return need(ns.ip, a);
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate within a typo's reach (a third of the name, at least 2 edits), if any. */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** `a, b, c` or `none`; long lists end with `... (N more)`. */
export function listOf(items: string[], max = 6): string {
  if (items.length === 0) return 'none';
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown}, ... (${items.length - max} more)` : shown;
}

/** Substring, or `/regex/flags`. */
export function matches(pattern: string, text: string): boolean {
  const re = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (re) {
    try {
      return new RegExp(re[1]!, re[2]).test(text);
    } catch {
      return text.includes(pattern);
    }
  }
  return text.includes(pattern);
}

/** Links that are administratively up but have no carrier: why a probe from there fails. */
export function carrierless(ip: IpState): string[] {
  return ip.links.filter((l) => l.flags.includes('UP') && l.flags.includes('NO-CARRIER')).map((l) => l.name);
}

/** An assertion the lesson wrote wrongly (lint should have caught it): a CheckError located in the lesson. */
export function badAssertion(a: Assertion, reason: string): never {
  throw new CheckError(`${a.source.file}:${a.source.line}: ${reason}`, { hint: 'The lesson is broken here: `netlessons lint` shows the details; tell its author.' });
}
