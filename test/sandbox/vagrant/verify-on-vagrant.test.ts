/**
 * Issue 8's acceptance through the real CLI: `netlessons verify lessons/00-* lessons/03-* --backend vagrant`
 * proves both lessons (checks fail before each step, pass after its solution, wrong blocks, replay)
 * on the Vagrant backend's docker provider, and leaves no machine behind.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, expect, it } from 'vitest';
import { dockerClient } from '../../../src/sandbox/docker/docker-client.js';
import { CLI, ensureBuilt, ROOT } from '../../cli/run-cli.js';
import { useVagrantHome } from './vagrant-env.js';

const home = useVagrantHome();
beforeAll(ensureBuilt, 120_000);

it('verify lessons 00 and 03 with --backend vagrant passes, and removes its machines', async () => {
  const lessons = readdirSync(path.join(ROOT, 'lessons'))
    .filter((f) => /^(00|03)-.*\.md$/.test(f))
    .map((f) => path.join('lessons', f));
  expect(lessons).toHaveLength(2);
  // A run label of its own: other Vagrant tests of this run may have machines up at the same time.
  const run = `${process.env.NETLESSONS_RUN ?? 'test'}-verify-vagrant`;
  const r = await execa(process.execPath, [CLI, 'verify', ...lessons, '--backend', 'vagrant', '--json'], {
    cwd: ROOT,
    env: { NETLESSONS_HOME: home, NETLESSONS_VAGRANT_PROVIDER: 'docker', NETLESSONS_RUN: run },
    reject: false,
    timeout: 540_000,
  });
  expect(r.stderr).not.toMatch(/^\s+at /m);
  const report = JSON.parse(r.stdout) as { passed: boolean; backend: string; lessons: { id: string; outcome: string; failures: unknown[] }[] };
  expect(report.backend).toBe('vagrant');
  expect(report.lessons.map((l) => [l.id, l.outcome, l.failures])).toEqual([
    ['empty-namespace', 'passed', []],
    ['veth-pairs', 'passed', []],
  ]);
  expect(report.passed).toBe(true);
  expect(r.exitCode).toBe(0);
  const left = await dockerClient().listContainers({ all: true, filters: { label: [`netlessons.vagrant.run=${run}`] } });
  expect(left.map((c) => c.Names[0])).toEqual([]);
}, 600_000);
