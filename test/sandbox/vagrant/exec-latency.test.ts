import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DockerSandbox } from '../../../src/sandbox/docker/docker-sandbox.js';
import type { VagrantSandbox } from '../../../src/sandbox/vagrant/vagrant-backend.js';
import { startSandbox } from '../../helpers/sandbox.js';
import { median, startVagrantSandbox, useVagrantHome } from './vagrant-env.js';

useVagrantHome();

let docker: DockerSandbox | undefined;
let vagrant: VagrantSandbox | undefined;

beforeAll(async () => {
  [docker, vagrant] = await Promise.all([startSandbox('latency-floor'), startVagrantSandbox('latency')]);
}, 180_000);
afterAll(async () => {
  await Promise.allSettled([docker?.stop(), vagrant?.stop()]);
}, 60_000);

it('exec over the shared ssh connection costs at most 5x a Docker exec (medians, same run)', async () => {
  const d = docker!;
  const v = vagrant!;
  await d.exec('true');
  await v.exec('true');
  const dockerMs: number[] = [];
  const vagrantMs: number[] = [];
  // Interleaved, so load from other tests on the shared cores weighs on both alike.
  for (let i = 0; i < 25; i++) {
    let t0 = performance.now();
    await d.exec('true');
    dockerMs.push(performance.now() - t0);
    t0 = performance.now();
    await v.exec('true');
    vagrantMs.push(performance.now() - t0);
  }
  const ratio = median(vagrantMs) / median(dockerMs);
  console.log(`exec median: docker ${median(dockerMs).toFixed(1)} ms, vagrant ${median(vagrantMs).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`);
  // A fresh ssh login per command (no control socket) costs ~300 ms here and `vagrant ssh -c` ~2 s: both fail this.
  expect(ratio).toBeLessThanOrEqual(5);
});
