/**
 * Once per test run: a Docker engine (started here if none answers, and stopped again at the end), the
 * sandbox image (built offline if missing, cached by its content-hash tag), and no sandboxes left over
 * from an earlier crashed run.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export default async function setup(): Promise<() => Promise<void>> {
  let startedPid: number | undefined;
  const out = execFileSync('bash', [path.join(here, 'docker-engine.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  if (out) startedPid = Number(out);

  const { ensureImage } = await import('../../src/sandbox/image.js');
  const { DockerBackend } = await import('../../src/sandbox/docker/docker-backend.js');
  const t0 = Date.now();
  const { tag, built } = await ensureImage({ onProgress: (line) => process.stderr.write(`[image] ${line}\n`) });
  if (built) process.stderr.write(`[image] built ${tag} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  // Other test runs may share this engine (developers in parallel): touch only this run's sandboxes.
  const run = `test-${process.pid}-${Date.now().toString(36)}`;
  process.env.NETLESSONS_RUN = run;
  if (process.env.CI) {
    const swept = await new DockerBackend().clean();
    if (swept) process.stderr.write(`[setup] removed ${swept} sandbox(es) left by an earlier run\n`);
  }

  return async () => {
    const left = await new DockerBackend().clean(undefined, run);
    if (left) process.stderr.write(`[teardown] removed ${left} sandbox(es) tests left behind\n`);
    if (startedPid) {
      try {
        process.kill(startedPid, 'SIGTERM');
        for (let i = 0; i < 60; i++) {
          process.kill(startedPid, 0);
          await new Promise((r) => setTimeout(r, 250));
        }
      } catch {
        // ESRCH: dockerd has exited.
      }
    }
  };
}
