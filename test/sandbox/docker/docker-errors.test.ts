/** Engine and sandbox failures become typed errors with a message and the next step. */
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { DockerBackend, newSessionId } from '../../../src/sandbox/docker/docker-backend.js';
import { dockerClient, engineError } from '../../../src/sandbox/docker/docker-client.js';
import { startSandbox } from '../../helpers/sandbox.js';

describe('Docker errors', () => {
  it('an engine nobody listens on: EngineError naming the address, with a hint', async () => {
    const nowhere = new Docker({ host: '127.0.0.1', port: 1 });
    const raw = await nowhere.version().catch((e: unknown) => e);
    const err = engineError(raw, 'asking for its version');
    expect(err).toMatchObject({ name: 'EngineError', exitCode: 1 });
    expect(err.message).toContain('ECONNREFUSED');
    expect((err as { hint?: string }).hint).toMatch(/systemctl start docker|DOCKER_HOST/);
  });

  it('a sandbox whose container died: exec says SandboxGoneError and how to go on', async () => {
    const sandbox = await startSandbox('dies');
    try {
      await dockerClient().getContainer(sandbox.containerId).kill();
      const err = await sandbox.exec('true').catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'SandboxGoneError', hint: expect.stringContaining('netlessons start') });
    } finally {
      await sandbox.stop();
    }
  });

  it('attach to a session with no sandbox: NotFoundError with the next step', async () => {
    const err = await new DockerBackend().attach(`nosuch${newSessionId()}`).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'NotFoundError', hint: expect.stringContaining('netlessons start') });
  });

  it('attach to a session whose sandbox stopped: SandboxGoneError, not a hang', async () => {
    const sandbox = await startSandbox('stopped');
    try {
      await dockerClient().getContainer(sandbox.containerId).kill();
      const err = await new DockerBackend().attach(sandbox.sessionId).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'SandboxGoneError', message: expect.stringContaining('not running') });
    } finally {
      await sandbox.stop();
    }
  });
});
