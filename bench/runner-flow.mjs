// The learner's flow as a script sees it: how long `netlessons check --json` takes against its floors
// (a bare `node` start, and one `docker exec true` into the same sandbox), and what resuming at step 3
// (replaying steps 1–2 and proving step 2's check) costs against starting at step 1. Needs `npm run build`.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fmt, measure, quick, ratio, report } from './lib.mjs';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/cli/main.js');
const course = path.join(root, 'test/fixtures/runner/course');
const env = { ...process.env, NETLESSONS_HOME: mkdtempSync(path.join(tmpdir(), 'nl-bench-')), NETLESSONS_RUN: `bench-${process.pid}` };
const nl = (...args) => run(process.execPath, [cli, ...args], { env }).catch((e) => ({ stdout: e.stdout }));

const startAt = async (step) => (await nl('start', 'lab-namespace', '--lessons', course, '--detach', '--step', String(step))).stdout.trim();
const stop = (id) => nl('stop', '--session', id);

const runs = quick ? 3 : 7;
const session = await startAt(1);
try {
  const { stdout } = await run('docker', ['ps', '-q', '--filter', `label=netlessons.session=${session}`]);
  const container = stdout.trim();
  const node = await measure(() => run(process.execPath, ['-e', '0']), runs);
  const exec = await measure(() => run('docker', ['exec', container, 'true']), runs);
  const check = await measure(() => nl('check', '--json', '--session', session), runs);
  const at1 = await measure(async () => stop(await startAt(1)), quick ? 2 : 3, { warmup: 0 });
  const at3 = await measure(async () => stop(await startAt(3)), quick ? 2 : 3, { warmup: 0 });
  const floor = node.median + exec.median;
  report(
    'Runner flow (fixture course, Docker)',
    [
      ['what', 'median (min–max)', 'ratio'],
      ['floor: node -e 0', fmt(node), ''],
      ['floor: docker exec true', fmt(exec), ''],
      ['netlessons check --json', fmt(check), `${Math.round((check.median / floor) * 100) / 100}× node+exec`],
      ['start --detach at step 1 (+stop)', fmt(at1), ''],
      ['start --detach at step 3 (+stop)', fmt(at3), `${ratio(at3, at1)}× step 1`],
    ],
    { runnerFlow: { node, exec, check, startAtStep1: at1, startAtStep3: at3, checkOverFloor: check.median / floor, resumeOverFresh: ratio(at3, at1) } },
  );
} finally {
  await stop(session);
}
