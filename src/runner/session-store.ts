/**
 * Sessions: one small JSON file per running sandbox (`sessions/<id>.json`), so `netlessons check`,
 * `shell`, `stop`… in any terminal act on the sandbox a `start` made. The newest session is the default.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import { BACKENDS } from '../sandbox/index.js';
import { sessionsDir } from './state-dir.js';

const SessionRecord = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  backend: z.enum(BACKENDS as ['docker', 'vagrant']),
  lessonId: z.string(),
  lessonsDir: z.string(),
  /** The lesson's file: commands on a running session read just this one. */
  lessonFile: z.string().optional(),
  course: z.string(),
  /** 1-based; steps.length + 1 once the lesson is finished. */
  step: z.number().int().positive(),
  passed: z.boolean(),
  hintsShown: z.number().int().nonnegative(),
  /** The `start` process holding the learner's shell, when there is one. */
  ownerPid: z.number().int().optional(),
  created: z.string(),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

function fileOf(id: string): string {
  return path.join(sessionsDir(), `${id}.json`);
}

export async function saveSession(s: SessionRecord): Promise<void> {
  await mkdir(sessionsDir(), { recursive: true });
  await writeFileAtomic(fileOf(s.id), JSON.stringify(s, null, 2) + '\n');
}

export async function removeSession(id: string): Promise<void> {
  await rm(fileOf(id), { force: true });
}

/** Every readable session, newest first. Unreadable files are skipped (a crash mid-write cannot happen: writes are atomic). */
export async function listSessions(): Promise<SessionRecord[]> {
  let names: string[];
  try {
    names = await readdir(sessionsDir());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: SessionRecord[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    try {
      const parsed = SessionRecord.safeParse(JSON.parse(await readFile(path.join(sessionsDir(), name), 'utf8')));
      if (parsed.success) out.push(parsed.data);
    } catch {
      // Removed between readdir and read, or not JSON: not a session we can act on.
    }
  }
  return out.sort((a, b) => b.created.localeCompare(a.created));
}

/** The named session, or the newest one. */
export async function findSession(id?: string): Promise<SessionRecord> {
  const all = await listSessions();
  const found = id ? all.find((s) => s.id === id || s.id.startsWith(id)) : all[0];
  if (!found) {
    throw new NotFoundError(id ? `No session ${id}.` : 'No netlessons session is running.', {
      hint: id ? '`netlessons status` lists the sessions.' : 'Start one with `netlessons start LESSON --detach` (or `netlessons start` for the interactive flow).',
    });
  }
  return found;
}

export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
