import { mkdtempSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { blocks, doctor } from '../../../src/sandbox/doctor/index.js';
import { useVagrantHome } from './vagrant-env.js';

useVagrantHome();
const PATH = process.env.PATH;
afterEach(() => {
  process.env.PATH = PATH;
});

it('doctor --backend vagrant passes here: Vagrant, the docker provider, ssh and a real test machine', async () => {
  const report = await doctor('vagrant');
  const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
  expect(byId.vagrant).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^Vagrant \d+\.\d+/) });
  expect(byId.providers?.detail).toMatch(/docker: yes/);
  expect(byId.provider).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^docker/) });
  expect(byId.machine, JSON.stringify(byId.machine)).toMatchObject({ status: 'ok' });
  expect(byId.kernel?.detail).toMatch(/veth bridge/);
  expect(blocks(report)).toBe(false);
}, 180_000);

it('without Vagrant on PATH, doctor says so with the install step and skips what needs it', async () => {
  // A PATH holding only the ssh and docker clients: real programs, minus Vagrant.
  const bin = mkdtempSync(path.join(os.tmpdir(), 'netlessons-novagrant-'));
  for (const tool of ['ssh', 'docker']) {
    const where = (PATH ?? '').split(':').map((d) => path.join(d, tool)).find((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
    if (where) symlinkSync(where, path.join(bin, tool));
  }
  process.env.PATH = bin;
  const report = await doctor('vagrant');
  expect(report.checks[0]).toMatchObject({ id: 'vagrant', status: 'fail', hint: expect.stringContaining('apt-get install vagrant') });
  expect(report.checks.slice(1).every((c) => c.status === 'skip')).toBe(true);
  expect(blocks(report)).toBe(true);
});
