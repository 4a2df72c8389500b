/**
 * Fast-forward in one round trip: the lesson's setup and the solutions of the steps before `step`,
 * each run by its own `bash -e` (as runLessonScript would, so `wait`, `cd` and errexit behave the
 * same), but sent as one script. verify fast-forwards a fresh sandbox for every wrong block and
 * console block; one exec instead of one per script is most of a fast-forward's cost.
 */
import { LessonError } from '../../errors.js';
import type { Lesson, Script } from '../../lessons/model.js';
import type { Exec } from '../../checks/index.js';
import { runScript } from '../../sandbox/run-script.js';

const FAILED = 'NETLESSONS_SCRIPT_FAILED';

export async function fastForwardAtOnce(sandbox: Exec, lesson: Lesson, step: number, timeoutMs = 120_000): Promise<void> {
  const scripts: { script: Script; what: string }[] = [];
  if (lesson.setup) scripts.push({ script: lesson.setup, what: 'the lesson setup' });
  for (const s of lesson.steps.slice(0, Math.max(0, step - 1))) {
    if (!s.solution) throw new LessonError(lesson.file, s.line, 1, `step ${s.index} has no solution, so it cannot be replayed`, 'Add a ```solution block to that step.');
    scripts.push({ script: s.solution, what: `the solution of step ${s.index}` });
  }
  if (!scripts.length) return;
  const body = [
    'd=$(mktemp -d /tmp/.netlessons-ff.XXXXXX)',
    ...scripts.map(({ script }, i) => `cat > "$d/${i}" <<'${FAILED}_EOF_${i}'\n${script.code.replace(/\n?$/, '\n')}${FAILED}_EOF_${i}`),
    ...scripts.map((_, i) => `bash -e "$d/${i}" </dev/null || { rc=$?; echo "${FAILED} ${i} $rc" >&2; exit $rc; }`),
    'rm -rf "$d"',
  ].join('\n');
  const r = await runScript(sandbox, body, { timeoutMs });
  if (r.exitCode === 0) return;
  const marker = new RegExp(`^${FAILED} (\\d+) (\\d+)$`, 'm').exec(r.stderr);
  const failed = scripts[Number(marker?.[1] ?? 0)]!;
  const detail = (r.stderr.replace(new RegExp(`^${FAILED}.*$`, 'm'), '').trim() || r.stdout.trim()).split('\n').slice(-3).join(' | ');
  throw new LessonError(lesson.file, failed.script.line, 1, `${failed.what} failed with exit code ${marker?.[2] ?? r.exitCode}${detail ? `: ${detail}` : ''}`, 'The lesson itself is broken here: tell its author (`netlessons verify` reproduces it).');
}
