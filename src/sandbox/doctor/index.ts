/**
 * `netlessons doctor`, per backend. Each backend's checks live beside this file (docker-checks.ts,
 * vagrant-checks.ts) and load lazily, like the backends themselves.
 */
import type { BackendName } from '../sandbox.js';
import type { DoctorReport } from './check.js';

export type { CheckStatus, DoctorCheck, DoctorReport } from './check.js';
export { blocks } from './check.js';
export { probeKernelFeatures, KERNEL_PROBES } from './kernel-features.js';

type Checks = (onProgress?: (line: string) => void) => Promise<DoctorReport>;

export async function doctor(backend: BackendName, onProgress?: (line: string) => void): Promise<DoctorReport> {
  if (backend === 'docker') return (await import('./docker-checks.js')).dockerChecks(onProgress);
  // The Vagrant checks land in vagrant-checks.ts (export `vagrantChecks`); until then, say so.
  try {
    const modulePath: string = './vagrant-checks.js';
    const mod = (await import(modulePath)) as { vagrantChecks?: Checks };
    if (mod.vagrantChecks) return mod.vagrantChecks(onProgress);
  } catch {
    // not there yet
  }
  return { backend, checks: [{ id: 'backend', title: 'backend', status: 'skip', detail: `no checks for the ${backend} backend in this version` }], facts: {} };
}
