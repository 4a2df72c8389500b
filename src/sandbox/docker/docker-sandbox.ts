/** A running sandbox container. Lifecycle: created by DockerBackend.start/attach, removed once by stop(). */
import type Docker from 'dockerode';
import type { BackendName, ExecOptions, ExecResult, Sandbox, ShellOptions } from '../sandbox.js';
import { call, execInContainer } from './docker-client.js';
import { attachShell } from './docker-shell.js';

export class DockerSandbox implements Sandbox {
  readonly backend: BackendName = 'docker';
  private stopping: Promise<void> | undefined;

  constructor(
    readonly sessionId: string,
    readonly name: string,
    private readonly container: Docker.Container,
  ) {}

  get containerId(): string {
    return this.container.id;
  }

  exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    return execInContainer(this.container, command, opts);
  }

  shell(opts: ShellOptions = {}): Promise<number> {
    return attachShell(this.container, opts);
  }

  stop(): Promise<void> {
    this.stopping ??= call('removing the sandbox', async () => {
      try {
        // force: kill and remove in one call; v: the container's anonymous volumes too.
        await this.container.remove({ force: true, v: true });
      } catch (err) {
        // Already gone (another process cleaned it, or a removal is in progress): the goal is reached.
        const status = (err as { statusCode?: number }).statusCode;
        if (status !== 404 && status !== 409) throw err;
      }
    });
    return this.stopping;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
