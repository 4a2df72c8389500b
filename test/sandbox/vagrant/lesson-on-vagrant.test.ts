/**
 * A lesson's whole sequence over the Vagrant backend, through the generic Sandbox interface only: the
 * setup, then per step the checker (runCheck) says "not yet", the solution runs, the checker says "done".
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCheck } from '../../../src/checks/index.js';
import { loadLessons } from '../../../src/lessons/load-lessons.js';
import type { Lesson } from '../../../src/lessons/model.js';
import { getBackend, type Sandbox } from '../../../src/sandbox/index.js';
import { runScript } from '../../../src/sandbox/run-script.js';
import { useVagrantHome, vagrantSessionId } from './vagrant-env.js';

useVagrantHome();
const LESSONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../lessons');

let lesson: Lesson;
let sandbox: Sandbox;

beforeAll(async () => {
  lesson = (await loadLessons(LESSONS)).find((l) => l.id === 'veth-pairs')!;
  sandbox = await (await getBackend('vagrant')).start({ sessionId: vagrantSessionId(), lessonId: lesson.id });
}, 180_000);
afterAll(async () => {
  await sandbox?.stop();
}, 60_000);

it('veth-pairs: every check fails before its step and passes after its solution, on the vagrant backend', async () => {
  expect(lesson.steps.length).toBeGreaterThan(1);
  const setup = await runScript(sandbox, lesson.setup!.code);
  expect(setup.stderr).toBe('');
  expect(setup.exitCode).toBe(0);
  for (const step of lesson.steps) {
    const before = await runCheck(sandbox, step.checks);
    expect(before.passed, `step ${step.index} passed before its solution`).toBe(false);
    const r = await runScript(sandbox, step.solution!.code);
    expect(r.exitCode, `step ${step.index} solution: ${r.stderr}`).toBe(0);
    const after = await runCheck(sandbox, step.checks);
    const failing = after.assertions.filter((a) => !a.ok).map((a) => a.message);
    expect(failing, `step ${step.index}`).toEqual([]);
  }
}, 120_000);
