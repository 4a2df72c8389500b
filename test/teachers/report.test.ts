/**
 * Class reports: learners export their progress (`progress export`), a teacher merges the records
 * (`report`) into one learner × lesson table as text, CSV or JSON.
 */
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netlessons, ROOT } from './run-cli.js';

const fixtures = path.join(ROOT, 'test/fixtures/teachers');
const records = 'test/fixtures/teachers/records';
const expected = (name: string) => readFile(path.join(fixtures, 'expected', name), 'utf8');
// execa drops the last newline of what it captures.
const captured = (text: string) => text.replace(/\r?\n$/, '');

let home: string;
beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'nl-report-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('netlessons report', () => {
  it('merges a folder of three records into the expected CSV', async () => {
    const r = await netlessons(['report', records, '--csv'], { home });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(captured(await expected('records.csv')));
    expect(r.stderr).toBe('');
  });

  it('gives the expected JSON, the same for the three files named one by one', async () => {
    const r = await netlessons(['report', records, '--json'], { home });
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(await expected('records.json')));
    const byFile = await netlessons(['report', `${records}/ada.json`, `${records}/grace.json`, `${records}/unnamed.json`, '--json'], { home });
    expect(JSON.parse(byFile.stdout)).toEqual(JSON.parse(r.stdout));
  });

  it('prints a table with a done-by row and says records are self-reported', async () => {
    const r = await netlessons(['report', records], { home });
    expect(r.stdout).toBe(captured(await expected('records.txt')));
    expect(r.stdout).toContain('self-reported');
  });

  it('keeps the newest export per learner, skips what is not a record with its reason, and quotes CSV fields', async () => {
    const r = await netlessons(['report', 'test/fixtures/teachers/records-mixed', '--csv'], { home });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\r\n').slice(1)).toEqual([
      'Ada Lovelace,lab-101,2026-11-20T10:30:00.000Z,0.1.0,done,1,0,done,2,1',
      '"Jo ""JJ"" Smith, Jr.",lab-101,2026-11-20T11:00:00.000Z,0.1.0,step 2/2,2,1,not started,0,0',
    ]);
    expect(r.stderr.split('\n')).toEqual([
      'skipped test/fixtures/teachers/records-mixed/future.json: written by a newer netlessons (record version 2; this one reads 1): update netlessons',
      'skipped test/fixtures/teachers/records-mixed/notes.json: not a netlessons progress record (`netlessons progress export` writes those)',
      'skipped test/fixtures/teachers/records-mixed/ada-monday.json: an older export of Ada Lovelace than test/fixtures/teachers/records-mixed/ada-tuesday.json',
    ]);
  });

  it('fails with a message and a hint when there is nothing to report on', async () => {
    const missing = await netlessons(['report', 'no-such-folder'], { home });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe('error: No file or folder at no-such-folder.\nhint: Pass exported progress files (`netlessons progress export --out NAME.json`) or a folder of them.');
    const junk = await netlessons(['report', 'test/fixtures/teachers/records-mixed/notes.json'], { home });
    expect(junk.exitCode).toBe(1);
    expect(junk.stderr).toContain('error: None of the 1 file(s) is a netlessons progress record.');
    const both = await netlessons(['report', records, '--csv', '--json'], { home });
    expect(both.exitCode).toBe(2);
  });
});

describe('netlessons progress export', () => {
  it('writes the course record with the learner name, steps, attempts, hints and applied solutions', async () => {
    await copyFile(path.join(fixtures, 'progress.json'), path.join(home, 'progress.json'));
    expect((await netlessons(['config', 'set', 'name', 'Ada Lovelace'], { home })).exitCode).toBe(0);
    const out = path.join(home, 'out/ada.json');
    const r = await netlessons(['progress', 'export', '--lessons', path.join(fixtures, 'course'), '--out', out], { home });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Wrote ${out}: Ada Lovelace, 0 of 2 lessons done.`);
    const record = JSON.parse(await readFile(out, 'utf8'));
    expect(record).toMatchObject({
      format: 'netlessons-progress',
      version: 1,
      netlessons: '0.1.0',
      learner: 'Ada Lovelace',
      course: { key: 'course:lab-101', id: 'lab-101', title: 'Lab 101' },
    });
    expect(Date.parse(record.exportedAt)).not.toBeNaN();
    expect(record.lessons).toEqual([
      {
        id: 'lab-namespace',
        title: 'A namespace of your own',
        status: 'in-progress',
        currentStep: 2,
        stepCount: 2,
        startedAt: '2026-11-20T09:00:00.000Z',
        updatedAt: '2026-11-20T09:12:00.000Z',
        finishedAt: null,
        steps: [
          { step: 1, title: 'Create a namespace', completedAt: '2026-11-20T09:05:00.000Z', attempts: 2, hintsUsed: 1, solutionApplied: false },
          { step: 2, title: 'Bring its loopback up', completedAt: null, attempts: 1, hintsUsed: 2, solutionApplied: true },
        ],
      },
      {
        id: 'lab-link',
        title: 'A link of your own',
        status: 'not-started',
        currentStep: null,
        stepCount: 1,
        startedAt: null,
        updatedAt: null,
        finishedAt: null,
        steps: [{ step: 1, title: 'Make a veth pair', completedAt: null, attempts: 0, hintsUsed: 0, solutionApplied: false }],
      },
    ]);

    const report = await netlessons(['report', out, '--csv'], { home });
    expect(report.stdout.split('\r\n')[1]).toBe(`Ada Lovelace,lab-101,${record.exportedAt},0.1.0,step 2/2,3,1,not started,0,0`);
  });

  it('prints the record on stdout and warns when no name is set', async () => {
    const bare = await mkdtemp(path.join(tmpdir(), 'nl-report-bare-'));
    try {
      const r = await netlessons(['progress', 'export', '--lessons', path.join(fixtures, 'course')], { home: bare });
      expect(r.exitCode).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ learner: null, lessons: [{ status: 'not-started' }, { status: 'not-started' }] });
      expect(r.stderr).toContain('your name is not set');
      expect(r.stderr).toContain('netlessons config set name');
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });
});

describe('netlessons config', () => {
  it('sets, gets and lists the name in the state dir beside progress', async () => {
    const h = await mkdtemp(path.join(tmpdir(), 'nl-config-'));
    try {
      expect((await netlessons(['config', 'get', 'name'], { home: h })).stderr).toContain('error: `name` is not set.');
      expect((await netlessons(['config', 'set', 'name', '  Grace   Hopper '], { home: h })).stdout).toBe('name = Grace Hopper');
      expect((await netlessons(['config', 'get', 'name'], { home: h })).stdout).toBe('Grace Hopper');
      expect(JSON.parse((await netlessons(['config', 'list', '--json'], { home: h })).stdout)).toEqual({ file: path.join(h, 'config.json'), settings: { name: 'Grace Hopper' } });
      expect(JSON.parse(await readFile(path.join(h, 'config.json'), 'utf8'))).toEqual({ name: 'Grace Hopper' });
      const bad = await netlessons(['config', 'set', 'colour', 'blue'], { home: h });
      expect(bad.exitCode).toBe(2);
      expect(bad.stderr).toBe('error: Unknown setting `colour`.\nhint: Settings: name. `netlessons config list` shows them.');
      expect((await netlessons(['config', 'unset', 'name'], { home: h })).stdout).toBe('name unset');
      expect((await netlessons(['config', 'list'], { home: h })).stdout).toContain('name  (not set)');
    } finally {
      await rm(h, { recursive: true, force: true });
    }
  });
});
