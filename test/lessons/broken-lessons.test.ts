/**
 * The corpus of broken lessons: each file in test/fixtures/lessons/broken/ has exactly one error,
 * and the parser must name its exact place and say what is wrong.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readLessonFile } from '../../src/lessons/load-lessons.js';

const BROKEN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'lessons', 'broken');

/** file → [line, col, what the reason must say]. */
const EXPECTED: Record<string, [number, number, RegExp]> = {
  'no-front-matter.md': [1, 1, /^missing front matter/],
  'unclosed-front-matter.md': [1, 1, /front matter opened here is never closed/],
  'bad-yaml-front-matter.md': [4, 1, /^bad YAML: Flow sequence .* end with a \]/],
  'duplicate-key.md': [5, 1, /^bad YAML: Map keys must be unique/],
  'missing-id.md': [1, 1, /^missing `id` in the front matter/],
  'missing-order.md': [1, 1, /^missing `order` in the front matter \(a number\)/],
  'bad-id.md': [2, 5, /`id` is "Not_Kebab", not a kebab-case id/],
  'empty-title.md': [3, 8, /^`title` is empty$/],
  'order-not-number.md': [5, 8, /^`order` must be a number, got text \("first"\)$/],
  'unknown-key.md': [6, 1, /^unknown front-matter key `author` \(allowed: id, title, summary, order, requires, backends, setup, kernel\)$/],
  'unknown-backend.md': [6, 20, /^unknown backend "lxc" \(known: docker, vagrant\)$/],
  'no-steps.md': [7, 1, /^the lesson has no steps/],
  'empty-heading.md': [8, 1, /^step 1 has an empty heading/],
  'step-without-check.md': [8, 1, /^step 1 \(Step with no check\) has no check block/],
  'check-in-intro.md': [10, 1, /^`check` block before the first step/],
  'empty-check.md': [10, 1, /^empty check block/],
  'check-not-a-list.md': [11, 1, /^a check block is a YAML list of assertions/],
  'bad-yaml-check.md': [13, 1, /^bad YAML: Sequence item without - indicator$/],
  'unknown-kind.md': [12, 3, /^unknown assertion kind `colour` \(known: netns, link, /],
  // A self-referencing anchor: resolving it took the yaml library minutes of CPU (found by lesson fuzzing).
  'alias-bomb.md': [11, 16, /^YAML aliases \(`\*bomb`\) are not allowed in lessons/],
  'unknown-option.md': [13, 3, /^unknown option `colour` for `link` \(allowed: link, type, state/],
  'nested-unknown-option.md': [15, 5, /^unknown option `colour` for `peer` \(allowed: name, netns\)$/],
  'bad-option-value.md': [13, 10, /^`state`: .*"UP"\|"DOWN"/],
  'connect-without-port.md': [11, 12, /^`connect`: expected HOST:PORT$/],
  'indented-check.md': [12, 6, /^unknown assertion kind `nope`/],
  'two-solutions.md': [22, 1, /^step 1 \(Step\) has more than one solution block \(the first is on line 18\)/],
  'unclosed-fence.md': [14, 1, /^unclosed `~~~~` fence: it runs to the end of the file/],
  'deep-nesting.md': [11, 74, /^YAML nested too deeply/],
};

describe('broken lessons', () => {
  it('the corpus holds at least 15 files and every one of them is listed here', () => {
    const files = readdirSync(BROKEN).filter((f) => f.endsWith('.md')).sort();
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, [line, col, reason]] of Object.entries(EXPECTED)) {
    it(`${name} fails at ${line}:${col} saying ${reason.source}`, async () => {
      const file = path.join(BROKEN, name);
      const parsed = await readLessonFile(file);
      const errors = parsed.problems.filter((p) => p.severity === 'error');
      expect(parsed.lesson).toBeUndefined();
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ file, line, col, severity: 'error' });
      expect(errors[0]!.reason).toMatch(reason);
      // One line each: the reason is printed after `file:line:col: error: `.
      expect(errors[0]!.reason).not.toContain('\n');
    });
  }
});
