import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/cli/render-markdown.js';

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
