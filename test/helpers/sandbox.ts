/** Real sandboxes for tests: one per test file or test, always removed. */
import { DockerBackend, newSessionId } from '../../src/sandbox/docker/docker-backend.js';
import type { DockerSandbox } from '../../src/sandbox/docker/docker-sandbox.js';

export async function startSandbox(label = 'test'): Promise<DockerSandbox> {
  return new DockerBackend().start({ sessionId: `t${newSessionId()}`, lessonId: label });
}

/** Run a command and fail loudly if it does not exit 0: fixtures must really be in place. */
export async function sh(sandbox: { exec: DockerSandbox['exec'] }, command: string): Promise<string> {
  const r = await sandbox.exec(command);
  if (r.exitCode !== 0) throw new Error(`fixture command failed (${r.exitCode}): ${command}\n${r.stderr}`);
  return r.stdout;
}
