import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/errors.js';
import { findSession, listSessions, removeSession, saveSession, type SessionRecord } from '../../src/runner/session-store.js';
import { sessionsDir } from '../../src/runner/state-dir.js';

const saved = process.env.NETLESSONS_HOME;
beforeEach(async () => {
  process.env.NETLESSONS_HOME = await mkdtemp(path.join(tmpdir(), 'nl-sessions-'));
});
afterEach(() => {
  process.env.NETLESSONS_HOME = saved;
});

const record = (id: string, created: string): SessionRecord => ({
  id,
  backend: 'docker',
  lessonId: 'lab-namespace',
  lessonsDir: '/x',
  course: '/x',
  step: 1,
  passed: false,
  hintsShown: 0,
  created,
});

describe('session store', () => {
  it('finds the newest session by default, and a named one by id or prefix', async () => {
    await saveSession(record('aaa111', '2026-01-01T00:00:00.000Z'));
    await saveSession(record('bbb222', '2026-01-02T00:00:00.000Z'));
    expect((await findSession()).id).toBe('bbb222');
    expect((await findSession('aaa')).id).toBe('aaa111');
    expect((await listSessions()).map((s) => s.id)).toEqual(['bbb222', 'aaa111']);
  });

  it('says how to start one when there is no session', async () => {
    await expect(findSession()).rejects.toThrow(NotFoundError);
    await expect(findSession()).rejects.toMatchObject({ hint: expect.stringContaining('--detach') });
  });

  it('skips files that are not sessions and forgets removed ones', async () => {
    await mkdir(sessionsDir(), { recursive: true });
    await writeFile(path.join(sessionsDir(), 'junk.json'), '{nope');
    await saveSession(record('ccc333', '2026-01-01T00:00:00.000Z'));
    expect((await listSessions()).map((s) => s.id)).toEqual(['ccc333']);
    await removeSession('ccc333');
    expect(await listSessions()).toEqual([]);
  });
});
