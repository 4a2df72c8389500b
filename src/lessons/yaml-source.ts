/**
 * YAML embedded in a lesson file (the front matter, each check block), parsed with the `yaml` package
 * so every error and every node can be located in the lesson file itself, not just in the snippet.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';

export interface FilePosition {
  line: number;
  col: number;
}

export interface YamlSnippet {
  doc: Document.Parsed;
  /** The snippet's plain value, or undefined when it could not be built. */
  value: unknown;
  /** Position in the lesson file of an offset into the snippet's text. */
  at(offset: number): FilePosition;
}

export type YamlResult = { ok: true; snippet: YamlSnippet } | { ok: false; errors: (FilePosition & { reason: string })[] };

// The yaml package recurses once per nesting level, and V8 aborts the whole process (no catchable
// error) when a regexp gets compiled near the stack limit, which ~1000 levels reach. Lesson YAML is
// a handful of levels deep, so anything past these bounds is refused before it gets to the parser.
const MAX_PREFIX = 120;
const MAX_FLOW_DEPTH = 64;

/**
 * Parse `text`, whose first line is line `firstLine` of the lesson file and whose lines were
 * unindented by `indent` columns (a fenced block's indentation).
 */
export function parseYamlSnippet(text: string, firstLine: number, indent = 0): YamlResult {
  const toFile = (p: FilePosition): FilePosition => ({ line: firstLine + p.line - 1, col: p.col + indent });
  const tooDeep = findExcessiveNesting(text);
  if (tooDeep) return { ok: false, errors: [{ ...toFile(tooDeep), reason: 'YAML nested too deeply to be a lesson (more than 60 levels)' }] };
  const lc = new LineCounter();
  try {
    const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      // The first error is the cause; the ones after it are usually the parser losing its footing.
      const e = doc.errors[0]!;
      return { ok: false, errors: [{ ...toFile(lc.linePos(e.pos[0])), reason: `bad YAML: ${firstSentence(e.message)}` }] };
    }
    // Lessons have no use for anchors and aliases, and resolving them is where the yaml library spends
    // exponential time on a self-referencing anchor (`x: &a [*a, *a, …]`), before maxAliasCount can
    // stop it. A linear walk finds the first alias; nothing is resolved.
    let alias: { offset: number; source: string } | undefined;
    visit(doc, {
      Alias(_, node) {
        alias = { offset: node.range?.[0] ?? 0, source: node.source };
        return visit.BREAK;
      },
    });
    if (alias) {
      return { ok: false, errors: [{ ...toFile(lc.linePos(alias.offset)), reason: `YAML aliases (\`*${alias.source}\`) are not allowed in lessons: write the value out` }] };
    }
    const at = (offset: number) => toFile(lc.linePos(offset));
    return { ok: true, snippet: { doc, value: doc.toJS(), at } };
  } catch (err) {
    // Anything else the parser throws: located at the snippet's start.
    return { ok: false, errors: [{ ...toFile({ line: 1, col: 1 }), reason: `bad YAML: ${firstSentence(err instanceof Error ? err.message : String(err))}` }] };
  }
}

function firstSentence(message: string): string {
  return (message.split('\n', 1)[0] ?? '').replace(/ at line \d+, column \d+:?$/, '').trim();
}

/** A rough upper bound on nesting: leading indentation/indicators per line, open brackets overall. */
function findExcessiveNesting(text: string): FilePosition | undefined {
  let flow = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const prefix = /^(?:[ \t]|[-?:](?=[ \t]|$))*/.exec(line)![0].length;
    if (prefix > MAX_PREFIX) return { line: i + 1, col: 1 };
    for (let c = 0; c < line.length; c++) {
      const ch = line[c];
      if (ch === '[' || ch === '{') {
        if (++flow > MAX_FLOW_DEPTH) return { line: i + 1, col: c + 1 };
      } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
    }
  }
  return undefined;
}

/**
 * Where a problem's path points: the last key itself when `at` is 'key' (so "unknown option `x`"
 * lands on `x`), else its value; the deepest node that exists when the path goes further than the
 * YAML does. Returns the offset of its first character.
 */
export function offsetOf(root: unknown, path: readonly (string | number)[], at: 'key' | 'value' = 'value'): number | undefined {
  let node: unknown = root;
  let best = rangeStart(root);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const onKey = at === 'key' && i === path.length - 1;
      best = (onKey ? rangeStart(pair.key) : rangeStart(pair.value)) ?? rangeStart(pair.key) ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      best = rangeStart(node) ?? best;
    } else break;
  }
  return best;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}
