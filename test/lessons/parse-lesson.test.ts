import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/lessons/parse-lesson.js';

const GOOD = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'lessons', 'good');
const parse = (name: string) => {
  const file = path.join(GOOD, name);
  return parseLesson(readFileSync(file, 'utf8'), file);
};

describe('parseLesson on a lesson using every block kind', () => {
  const { lesson, problems } = parse('10-first.md');

  it('has no problems and yields a lesson', () => {
    expect(problems).toEqual([]);
    expect(lesson).toBeDefined();
  });

  it('reads the front matter, with defaults for what is left out', () => {
    expect(lesson).toMatchObject({ id: 'first', title: 'The first fixture lesson', order: 10, backends: ['docker'], kernel: ['dummy'], requires: [] });
    expect(lesson!.file).toBe(path.join(GOOD, '10-first.md'));
  });

  it('keeps the setup script with the line of its first command', () => {
    expect(lesson!.setup).toEqual({ code: 'ip netns add lab\nip netns exec lab ip link set lo up\n', line: 9 });
  });

  it('takes the text before the first ## heading as the introduction, plain code blocks included', () => {
    expect(lesson!.intro).toBe('This is the introduction. It may hold code that is shown as is:\n\n```sh\nip netns list\n```');
  });

  it('splits steps at ## headings and strips a closing ## sequence from the title', () => {
    expect(lesson!.steps.map((s) => [s.index, s.title, s.line])).toEqual([
      [1, 'Make a dummy interface', 19],
      [2, 'Bring it up', 57],
    ]);
  });

  it('locates each assertion on its own line of the lesson file', () => {
    const [first, second] = lesson!.steps;
    expect(first!.checks).toEqual([{ kind: 'link', spec: { link: 'dummy0', netns: 'lab', type: 'dummy' }, source: { file: lesson!.file, line: 31, col: 3 } }]);
    expect(first!.checkLine).toBe(30);
    // ~~~ fences count, and an indented fence's items keep their real column.
    expect(second!.checks.map((c) => [c.kind, c.source.line, c.source.col])).toEqual([
      ['link', 60, 3],
      ['addr', 68, 5],
    ]);
    expect(second!.checks[0]!.spec).toMatchObject({ state: 'UP' });
  });

  it('treats a fence inside a longer fence as prose', () => {
    expect(lesson!.steps[0]!.body).toContain('```check\n- this fence is inside a longer one, so it is prose\n```');
    expect(lesson!.steps[0]!.checks).toHaveLength(1);
  });

  it('collects hints in order, the solution with its line, and every wrong block', () => {
    const step = lesson!.steps[0]!;
    expect(step.hints).toEqual(['Interfaces are created with `ip link add`.', '`ip netns exec lab ip link add dummy0 type dummy`']);
    expect(step.solution).toEqual({ code: 'ip netns exec lab ip link add dummy0 type dummy\n', line: 45 });
    expect(step.wrong.map((w) => w.line)).toEqual([49, 54]);
  });

  it('removes check, hint, solution and wrong blocks from the body and keeps the prose between them', () => {
    const body = lesson!.steps[1]!.body;
    expect(body).toBe('Text between two check blocks stays in the body.');
  });
});

describe('parseLesson on the second fixture', () => {
  it('reads a quoted title with a colon, requires, and two assertions in one block', () => {
    const { lesson, problems } = parse('20-second.md');
    expect(problems).toEqual([]);
    expect(lesson).toMatchObject({ id: 'second', title: 'The second fixture lesson: sorted first', order: 5, requires: ['first'], backends: ['docker', 'vagrant'] });
    expect(lesson!.steps[0]!.checks.map((c) => c.kind)).toEqual(['netns', 'connect']);
    expect(lesson!.setup).toBeUndefined();
    expect(lesson!.intro).toBe('');
  });
});

describe('parseLesson line endings', () => {
  it('gives the same lesson for CRLF files and a leading byte-order mark', () => {
    const file = path.join(GOOD, '20-second.md');
    const text = readFileSync(file, 'utf8');
    const crlf = parseLesson('\uFEFF' + text.replace(/\n/g, '\r\n'), file);
    expect(crlf.problems).toEqual([]);
    expect(crlf.lesson).toEqual(parseLesson(text, file).lesson);
  });
});
