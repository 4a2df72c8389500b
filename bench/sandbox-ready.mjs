// Sandbox ready with a cached image: DockerBackend.start() until it returns, against the floor of what
// any container needs: `docker run -d --network none IMAGE sleep infinity` + `docker exec … true`, done
// through dockerode in the same run. Runs alternate so engine drift hits both alike. Removes all it made.
// Run after `npm run build`. `--quick`: 3 runs; `--json`: one JSON line.
import { performance } from 'node:perf_hooks';
import { DockerBackend, newSessionId } from '../dist/sandbox/docker/docker-backend.js';
import { dockerClient } from '../dist/sandbox/docker/docker-client.js';
import { ensureImage } from '../dist/sandbox/image.js';
import { fmt, quick, ratio, report, summary } from './lib.mjs';

const runs = quick ? 3 : 10;
const run = `bench-${process.pid}`;
process.env.NETLESSONS_RUN = run;
const { tag } = await ensureImage({ onProgress: (l) => process.stderr.write(`[image] ${l}\n`) });
const docker = dockerClient();
const backend = new DockerBackend();

async function ours() {
  const t0 = performance.now();
  const sandbox = await backend.start({ sessionId: `b${newSessionId()}`, lessonId: 'bench' });
  const ms = performance.now() - t0;
  await sandbox.stop();
  return ms;
}

async function floor() {
  const t0 = performance.now();
  const c = await docker.createContainer({ Image: tag, Cmd: ['sleep', 'infinity'], Labels: { 'netlessons.run': run }, HostConfig: { NetworkMode: 'none' } });
  await c.start();
  const exec = await c.exec({ Cmd: ['true'], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  await new Promise((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.resume();
  });
  const ms = performance.now() - t0;
  await c.remove({ force: true });
  return ms;
}

const times = { ours: [], floor: [] };
try {
  // One warm-up each: the first container after an idle engine pays for cold caches.
  await ours();
  await floor();
  for (let i = 0; i < runs; i++) {
    times.ours.push(await ours());
    times.floor.push(await floor());
  }
} finally {
  // Anything a failure left: ours by the run label, the floor's by the same label.
  await backend.clean(undefined, run);
  for (const c of await docker.listContainers({ all: true, filters: { label: [`netlessons.run=${run}`] } })) {
    await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
  }
}
const o = summary(times.ours);
const f = summary(times.floor);
const r = ratio(o, f);
report(
  `Sandbox ready, cached image (${runs} runs each; target ≤ 1.5× the floor)`,
  [
    ['what', 'median (min–max)', 'ratio'],
    ['docker run -d --network none + exec true (floor)', fmt(f), '1.00'],
    ['DockerBackend.start()', fmt(o), r.toFixed(2)],
  ],
  { sandboxReady: { runs, floor: f, start: o, ratio: r, target: 1.5 } },
);
