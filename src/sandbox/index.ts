/** What other modules may import from the sandbox layer. */
import { UsageError } from '../errors.js';
import type { BackendName, SandboxBackend } from './sandbox.js';

export type { BackendName, ExecOptions, ExecResult, Sandbox, SandboxBackend, ShellOptions, StartOptions } from './sandbox.js';
export { BACKENDS } from './sandbox.js';

/** Backends load lazily: the Vagrant one must not cost the Docker user anything, and vice versa. */
export async function getBackend(name: string = 'docker'): Promise<SandboxBackend> {
  switch (name) {
    case 'docker': {
      const { DockerBackend } = await import('./docker/docker-backend.js');
      return new DockerBackend();
    }
    case 'vagrant': {
      const { VagrantBackend } = await import('./vagrant/vagrant-backend.js');
      return new VagrantBackend();
    }
    default:
      throw new UsageError(`Unknown backend \`${name}\`.`, 'Choose `--backend docker` or `--backend vagrant`.');
  }
}
