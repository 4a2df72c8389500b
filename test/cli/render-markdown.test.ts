import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/cli/render-markdown.js';
import { ROOT, ensureBuilt } from './run-cli.js';

const MD = '# Title\n\nSome `code` and **bold**.\n\n## Section ##\n\n```console\n$ ip link\n\n1: lo\n```\n\n~~~\nraw\n~~~\n';

describe('renderMarkdown', () => {
  it('plain: underlines headings, indents fenced code, keeps the prose', () => {
    expect(renderMarkdown(MD, { color: false })).toBe('Title\n=====\n\nSome `code` and **bold**.\n\nSection\n-------\n\n    $ ip link\n\n    1: lo\n\n    raw\n');
  });

  it('strips escape and other control characters a lesson file might carry, in both modes', () => {
    const hostile = 'Hello \u001b]0;pwned\u0007\u001b[2Jworld\r\n';
    expect(renderMarkdown(hostile, { color: false })).toBe('Hello ]0;pwned[2Jworld\n');
    expect(renderMarkdown(hostile, { color: true, width: 80 })).not.toContain('\u001b]0;');
    expect(renderMarkdown(hostile, { color: true, width: 80 })).not.toContain('\u001b[2J');
  });

  it('styled: prints no Markdown markers and keeps host:port text as written (no emoji)', () => {
    const out = renderMarkdown('Connect to `127.0.0.1:8080` :smile:\n\n```sh\nnc -l 8080\n```\n', { color: true, width: 80 });
    expect(out).not.toContain('```');
    expect(out).toContain(':smile:');
    expect(out).toContain('127.0.0.1:8080');
  });
});

describe('renderMarkdown, styled with the highlighter on (as on a terminal)', () => {
  beforeAll(ensureBuilt);

  // marked-terminal calls the highlighter only when its chalk colours, which chalk decides once, when
  // loaded: so render in a fresh node with FORCE_COLOR (as on a terminal) and keep its whole stderr,
  // which is where highlight.js's console.error went.
  async function renderInTerminal(md: string): Promise<{ out: string; stderr: string }> {
    const script = `const { renderMarkdown } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'render-markdown.js')).href)});
process.stdout.write(renderMarkdown(${JSON.stringify(md)}, { color: true, width: 80 }));`;
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '1' };
    delete env.NO_COLOR;
    const r = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 30_000 });
    return { out: r.stdout, stderr: r.stderr };
  }

  it.each([
    ['console verify', '```console verify\n$ ip -br link\nlo UNKNOWN\n```\n', 'ip -br link'],
    ['an unknown language', '```nosuchlanguage and more\nsome text\n```\n', 'some text'],
    ['a known language', '```sh\necho hi\n```\n', 'echo hi'],
  ])('a fence tagged with %s prints its code and nothing on stderr', async (_, md, code) => {
    const { out, stderr } = await renderInTerminal(`# Title\n\n${md}`);
    expect(stderr).toBe('');
    // Colour really was on (the heading is styled; without colour the highlighter is never called and
    // this would prove nothing).
    expect(out).toMatch(/\u001b\[[0-9;]*m# Title/);
    const text = out.replace(/\u001b\[[0-9;]*m/g, '');
    expect(text).not.toContain('```');
    expect(text).toContain(code);
  });

  it('highlights by the first word of the info string', async () => {
    // `console` is highlight.js's shell session: the prompt is coloured apart from the command.
    const { out } = await renderInTerminal('```console verify\n$ ip link\n```\n');
    expect(out).toMatch(/\u001b\[[0-9;]*m\$\u001b\[[0-9;]*m ip link/);
  });
});
