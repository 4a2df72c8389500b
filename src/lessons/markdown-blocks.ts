/**
 * The little of CommonMark a lesson needs: fenced code blocks (``` and ~~~, any length ≥ 3, closed
 * only by the same character at least as long) and level-2 ATX headings outside them. Everything
 * else is prose, kept line by line so steps can be rebuilt with their exact source lines.
 */

export interface ProseLine {
  kind: 'line';
  /** 1-based line in the lesson file. */
  line: number;
  text: string;
}

export interface StepHeading {
  kind: 'heading';
  line: number;
  col: number;
  /** Heading text without the `##` marker or a closing `##` sequence. */
  title: string;
}

export interface FencedBlock {
  kind: 'fence';
  /** Line and column of the opening fence's first backtick or tilde. */
  line: number;
  col: number;
  /** The whole info string, trimmed (`console verify`). */
  info: string;
  /** Its first word: what the block is (`check`, `hint`, `sh`…). */
  lang: string;
  /** The fence as written (```` ``` ````, `~~~~`), for messages. */
  marker: string;
  /** Spaces before the opening fence; CommonMark removes as many from each content line. */
  indent: number;
  /** Content lines, indentation removed. */
  content: string[];
  /** The block as written, fences included: plain blocks stay in the learner's text verbatim. */
  raw: string[];
  /** False when the file ended before a closing fence. */
  closed: boolean;
}

export type MarkdownBlock = ProseLine | StepHeading | FencedBlock;

const OPENING_FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
// `##` then a space, a tab or the end of the line; `###` and `##foo` are not step headings.
const STEP_HEADING = /^( {0,3})##(?=[ \t]|$)(.*)$/;

/** Split lines (already without their newlines) into blocks; `firstLine` is the file line of lines[0]. */
export function scanMarkdown(lines: readonly string[], firstLine: number): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let open: FencedBlock | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const line = firstLine + i;
    if (open) {
      if (closesFence(text, open.marker)) {
        open.raw.push(text);
        open.closed = true;
        open = undefined;
      } else {
        open.raw.push(text);
        open.content.push(stripIndent(text, open.indent));
      }
      continue;
    }
    const fence = OPENING_FENCE.exec(text);
    // A backtick fence's info string may not contain a backtick (that is inline code, not a fence).
    if (fence && !(fence[2]!.startsWith('`') && fence[3]!.includes('`'))) {
      const info = fence[3]!.trim();
      open = {
        kind: 'fence',
        line,
        col: fence[1]!.length + 1,
        info,
        lang: info.split(/\s+/, 1)[0] ?? '',
        marker: fence[2]!,
        indent: fence[1]!.length,
        content: [],
        raw: [text],
        closed: false,
      };
      blocks.push(open);
      continue;
    }
    const heading = STEP_HEADING.exec(text);
    if (heading) {
      blocks.push({ kind: 'heading', line, col: heading[1]!.length + 1, title: headingText(heading[2]!) });
      continue;
    }
    blocks.push({ kind: 'line', line, text });
  }
  return blocks;
}

function closesFence(text: string, marker: string): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(text);
  return m !== null && m[1]![0] === marker[0] && m[1]!.length >= marker.length;
}

function stripIndent(text: string, indent: number): string {
  let n = 0;
  while (n < indent && text[n] === ' ') n++;
  return text.slice(n);
}

/** `## Title ##` → `Title`; a closing sequence needs a space before it (`## C#` keeps its `#`). */
function headingText(rest: string): string {
  const trimmed = rest.trim();
  if (/^#+$/.test(trimmed)) return '';
  return trimmed.replace(/[ \t]+#+$/, '').trim();
}
