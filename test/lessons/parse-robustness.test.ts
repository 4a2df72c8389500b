/**
 * parseLesson never throws and never takes the process down, whatever it is fed. Inputs here are
 * generated on purpose: garbage, truncations and pathological nesting are not worth keeping as files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLesson, type ParsedLesson } from '../../src/lessons/parse-lesson.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FILE = 'fuzz.md';
const GOOD = readFileSync(path.join(ROOT, 'test/fixtures/lessons/good/10-first.md'), 'utf8');

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function expectProblems(r: ParsedLesson): void {
  expect(r.lesson).toBeUndefined();
  expect(r.problems.some((p) => p.severity === 'error')).toBe(true);
  for (const p of r.problems) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.col).toBeGreaterThanOrEqual(1);
    expect(p.reason).not.toContain('\n');
  }
}

const frontMatter = (yaml: string) => `---\n${yaml}\n---\n\n## Step\n\n\`\`\`check\n- netns: lab\n\`\`\`\n`;
const check = (yaml: string) => `---\nid: x\ntitle: t\nsummary: s\norder: 1\n---\n\n## Step\n\n\`\`\`check\n${yaml}\n\`\`\`\n`;

describe('parseLesson robustness', () => {
  it('returns problems for random bytes, never throws', () => {
    const rand = mulberry32(42);
    for (let i = 0; i < 200; i++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(rand() * 2000) }, () => Math.floor(rand() * 256)));
      const r = parseLesson(bytes.toString('utf8'), FILE);
      expect(r.problems.length).toBeGreaterThan(0);
    }
  });

  it('reports a NUL byte as not a text file, at its position', () => {
    const r = parseLesson('---\nid: a\x00b\n', FILE);
    expect(r.problems).toEqual([{ file: FILE, line: 2, col: 6, severity: 'error', reason: 'not a text file (it contains a NUL byte)' }]);
  });

  it('survives every truncation and every shuffle of a good lesson', () => {
    const lines = GOOD.split('\n');
    for (let n = 0; n < lines.length; n++) parseLesson(lines.slice(0, n).join('\n'), FILE);
    const rand = mulberry32(7);
    for (let i = 0; i < 100; i++) {
      const shuffled = [...lines].sort(() => rand() - 0.5);
      parseLesson(shuffled.join('\n'), FILE);
    }
  });

  it('refuses a file over 1 MiB at once', () => {
    const started = Date.now();
    const r = parseLesson(GOOD + 'x'.repeat(2 * 1024 * 1024), FILE);
    expect(r.problems).toEqual([expect.objectContaining({ line: 1, col: 1, reason: expect.stringMatching(/a lesson must stay under 1 MiB/) })]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('handles a large but legal file of many steps, and refuses more than 200 at the first extra one', () => {
    const step = '## Step\n\n```check\n- netns: lab\n```\n\n```hint\nh\n```\n\n```solution\ntrue\n```\n\n';
    const head = frontMatter('id: big\ntitle: t\nsummary: s\norder: 1');
    expect(parseLesson(head + step.repeat(199), FILE).lesson?.steps).toHaveLength(200);
    const tooMany = parseLesson(head + step.repeat(250), FILE);
    // The first step comes from frontMatter() (lines 7-11), then 14 lines per step.
    expect(tooMany.problems.filter((p) => p.severity === 'error')).toEqual([expect.objectContaining({ line: 12 + 199 * 14 + 1, reason: expect.stringMatching(/has 251 steps; at most 200/) })]);
  });

  // The yaml package recurses per level; deep enough nesting used to abort node itself.
  it.each([
    ['flow brackets in the front matter', frontMatter('id: ' + '['.repeat(100_000))],
    ['block sequences in a check', check('- '.repeat(5000) + 'x')],
    ['indentation in a check', check(Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n'))],
    ['flow mappings in a check', check('- link: ' + '{a: '.repeat(20_000))],
  ])('refuses deep nesting (%s) with a located problem', (_name, text) => {
    const r = parseLesson(text, FILE);
    expectProblems(r);
    expect(r.problems.find((p) => p.severity === 'error')!.reason).toMatch(/nested too deeply/);
  });

  it('still parses after refusing deep nesting (the parser is not left broken)', () => {
    parseLesson(frontMatter('id: ' + '['.repeat(1000)), FILE);
    const r = parseLesson(check('- '.repeat(40) + 'x'), FILE);
    expectProblems(r);
    expect(parseLesson(GOOD, FILE).lesson).toBeDefined();
  });

  it('turns an alias bomb into a problem', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill('*' + 'abcdefgh'[i]).join(', ')}]`)].join('\n');
    expectProblems(parseLesson(frontMatter(bomb), FILE));
  });

  it('reports unclosed fences of every kind without hanging', () => {
    const r = parseLesson(check('- netns: lab') + '\n'.repeat(3) + '`'.repeat(50) + '\n' + '## Not a step\n'.repeat(1000), FILE);
    expectProblems(r);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([expect.objectContaining({ line: 16, reason: expect.stringMatching(/^unclosed/) })]);
  });
});
