/**
 * Vagrant tests run the docker provider against the real engine, with session folders under a
 * temporary NETLESSONS_HOME of this test file, and remove whatever their sessions left.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newSessionId } from '../../../src/sandbox/docker/docker-backend.js';
import { dockerClient } from '../../../src/sandbox/docker/docker-client.js';
import { VagrantBackend, type VagrantSandbox } from '../../../src/sandbox/vagrant/vagrant-backend.js';

export function useVagrantHome(): string {
  const home = mkdtempSync(path.join(os.tmpdir(), 'netlessons-vagrant-test-'));
  process.env.NETLESSONS_HOME = home;
  process.env.NETLESSONS_VAGRANT_PROVIDER = 'docker';
  return home;
}

export function vagrantSessionId(): string {
  return `tv${newSessionId()}`;
}

export async function startVagrantSandbox(label = 'test'): Promise<VagrantSandbox> {
  return new VagrantBackend().start({ sessionId: vagrantSessionId(), lessonId: label, hostname: 'nl-vagrant' });
}

/** Containers of one session still on the engine (scoped: other runs share the engine). */
export async function containersOf(sessionId: string): Promise<string[]> {
  const found = await dockerClient().listContainers({ all: true, filters: { label: [`netlessons.vagrant.session=${sessionId}`] } });
  return found.map((c) => c.Names[0] ?? c.Id);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
