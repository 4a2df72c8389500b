/**
 * `verify --watch`: the real CLI watching a lesson in a temp folder; each save re-lints and re-verifies,
 * changed steps first, and shows the first failing step with its diagnostics.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedSteps } from '../../src/runner/author-watch.js';
import { readLessonFile } from '../../src/lessons/load-lessons.js';
import { ROOT } from './run-cli.js';
import { pathToFileURL } from 'node:url';

const fixture = path.join(ROOT, 'test/fixtures/teachers/watch/01-watched.md');

describe('changedSteps', () => {
  it('names only the step whose content changed, not the ones that merely moved', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nl-diff-'));
    try {
      const before = (await readLessonFile(fixture)).lesson!;
      const text = await readFile(fixture, 'utf8');
      const file = path.join(dir, '01-watched.md');
      // Longer intro (every line below moves) and a new check in step 2.
      await writeFile(file, text.replace('An author', 'Still an author.\n\nAn author').replace('- cmd: "false"\n  message: placeholder check of a new lesson; replace it with real assertions', '- link: lo\n  netns: lab\n  state: UP'));
      const after = (await readLessonFile(file)).lesson!;
      expect(changedSteps(undefined, after)).toEqual([1, 2]);
      expect(changedSteps(before, after)).toEqual([2]);
      expect(changedSteps(after, after)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('netlessons verify --watch', () => {
  let dir: string;
  let proc: ResultPromise | undefined;
  let out = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nl-watch-'));
    await copyFile(fixture, path.join(dir, '01-watched.md'));
  });
  afterAll(async () => {
    proc?.kill('SIGINT');
    await proc?.catch(() => {});
    await rm(dir, { recursive: true, force: true });
  });

  /** Resolve once the output after `from` matches; fail with the output so far after `ms`. */
  async function waitFor(pattern: RegExp, from: number, ms = 150_000): Promise<string> {
    const t0 = Date.now();
    while (Date.now() - t0 < ms) {
      const seen = out.slice(from);
      if (pattern.test(seen)) return seen;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`timed out waiting for ${pattern}; output:\n${out}`);
  }

  it('shows the failing placeholder step, then re-runs the changed step first after a save and passes', { timeout: 360_000 }, async () => {
    const file = path.join(dir, '01-watched.md');
    proc = execa('node', ['--import', pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, path.join(ROOT, 'src/cli/main.ts'), 'verify', '--watch', '01-watched.md'], {
      cwd: dir,
      env: { NO_COLOR: '1', NETLESSONS_HOME: path.join(dir, '.home') },
      reject: false,
      stdin: 'ignore',
    });
    proc.stdout!.on('data', (b: Buffer) => (out += b.toString()));

    const first = await waitFor(/Waiting for changes/, 0);
    expect(first).toContain('Watching 01-watched.md: every save re-lints and re-verifies it.');
    expect(first).toContain('lint ok. Proving every step.');
    expect(first).toContain('FAIL 01-watched.md:22: step 2 (“Bring its loopback up”): after its solution the check still fails');
    expect(first).toContain('placeholder check of a new lesson; replace it with real assertions');

    // A broken save: lint reports it located, nothing starts.
    let mark = out.length;
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('- cmd: "false"', '- cmd: "false"\n  colour: blue'));
    const broken = await waitFor(/Waiting for changes/, mark);
    expect(broken).toMatch(/01-watched\.md:\d+:\d+: error: .*colour/);
    expect(broken).toContain('✘ lint: 1 error(s); fix them and save.');

    // The real check: step 2 alone is re-proven first, then the full proof passes.
    mark = out.length;
    await writeFile(file, text.replace('- cmd: "false"\n  message: placeholder check of a new lesson; replace it with real assertions', '- link: lo\n  netns: lab\n  state: UP'));
    const fixed = await waitFor(/Waiting for changes/, mark);
    expect(fixed).toContain('lint ok. Changed: step 2; proving it first.');
    expect(fixed).toMatch(/✔ changed step\(s\) prove out in [\d.]+ s; now the full proof\./);
    expect(fixed).toMatch(/✔ verified: 2 step\(s\) proven in [\d.]+ s \(\d+ sandboxes\)\./);

    proc.kill('SIGINT');
    const result = await proc;
    expect(result.exitCode).toBe(0);
  });
});
