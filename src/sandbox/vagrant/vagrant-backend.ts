/** Placeholder until the Vagrant backend lands: says so clearly instead of failing obscurely. */
import { UsageError } from '../../errors.js';
import type { Sandbox, SandboxBackend } from '../sandbox.js';

export class VagrantBackend implements SandboxBackend {
  readonly name = 'vagrant' as const;
  private unavailable(): never {
    throw new UsageError('The vagrant backend is not available in this version yet.', 'Use `--backend docker`.');
  }
  start(): Promise<Sandbox> {
    this.unavailable();
  }
  attach(): Promise<Sandbox> {
    this.unavailable();
  }
  async clean(): Promise<number> {
    return 0;
  }
}
