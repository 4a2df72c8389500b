/**
 * Lesson Markdown for the terminal: styled by marked-terminal when colour is on, plain text otherwise
 * (headings underlined, code indented, not a single escape sequence). Import this module lazily:
 * marked and its highlighter cost more to load than the rest of the CLI.
 */
import { Marked, type Tokens } from 'marked';
import { markedTerminal } from 'marked-terminal';
import { createRequire } from 'node:module';

// marked-terminal's own highlighter, asked which languages it knows. Resolved from marked-terminal's
// folder (it is its dependency, not ours) so it is the very instance that highlights.
const require = createRequire(import.meta.url);
const { supportsLanguage } = createRequire(require.resolve('marked-terminal'))('cli-highlight') as { supportsLanguage: (name: string) => boolean };

export interface RenderOptions {
  /** Styled output (decide with `useColor()`); false gives plain text. */
  color: boolean;
  /** Wrap width for styled output; default: the terminal's, at most 100. */
  width?: number;
}

export function renderMarkdown(md: string, opts: RenderOptions): string {
  const text = stripControls(md);
  const out = opts.color ? styled(text, opts.width ?? Math.min(process.stdout.columns || 80, 100)) : plain(text);
  return out.replace(/\s*$/, '\n');
}

// A lesson is someone's file: its text must not be able to move the cursor, retitle the window or
// hide lines. Everything below space but tab and newline goes, escape included.
function stripControls(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}

const instances = new Map<number, Marked>();

function styled(md: string, width: number): string {
  let marked = instances.get(width);
  if (!marked) {
    // emoji off: `127.0.0.1:8080` or `:ok:` in a command must print as written.
    marked = new Marked(markedTerminal({ width, reflowText: true, emoji: false, tab: 2 }) as never, { walkTokens: highlightable });
    instances.set(width, marked);
  }
  return marked.parse(md, { async: false }) as string;
}

/**
 * marked-terminal hands a fence's whole info string to highlight.js, which prints "Could not find the
 * language 'console verify' …" on stderr, over the learner's terminal. Give it the first word when
 * highlight.js knows it, else `plaintext` (no colours and no guessing for a language it cannot read).
 * A fence without a language keeps the highlighter's guess.
 */
function highlightable(token: { type: string }): void {
  if (token.type !== 'code') return;
  const code = token as Tokens.Code;
  const first = (code.lang ?? '').trim().split(/\s+/)[0] ?? '';
  if (first) code.lang = supportsLanguage(first) ? first : 'plaintext';
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Readable without a Markdown renderer: headings underlined, fenced code indented by four spaces. */
function plain(md: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of md.split('\n')) {
    if (fence) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && !close[2]!.trim()) fence = undefined;
      else out.push(line.trim() ? `    ${line}` : '');
      continue;
    }
    const open = FENCE.exec(line);
    if (open && !(open[1]!.startsWith('`') && open[2]!.includes('`'))) {
      fence = open[1]!;
      continue;
    }
    const heading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading) {
      const title = heading[2]!;
      out.push(title);
      if (heading[1]!.length <= 2) out.push((heading[1]!.length === 1 ? '=' : '-').repeat(Math.min(title.length, 100)));
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}
