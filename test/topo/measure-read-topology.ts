/**
 * Measures what `topo` costs: readTopology (one exec) on lesson 04's finished network against the floor
 * of one `exec true` in the same sandbox, interleaved so load on the machine hits both alike.
 *   npx tsx test/topo/measure-read-topology.ts [rounds]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLessons } from '../../src/lessons/load-lessons.js';
import { fastForward } from '../../src/runner/fast-forward.js';
import { DockerBackend, newSessionId } from '../../src/sandbox/docker/docker-backend.js';
import { readTopology, renderText } from '../../src/topo/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rounds = Number(process.argv[2] ?? 20);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const sandbox = await new DockerBackend().start({ sessionId: `m${newSessionId()}`, lessonId: 'measure-topo' });
try {
  const bridges = (await loadLessons(path.join(root, 'lessons'))).find((l) => l.id === 'bridges')!;
  await fastForward(sandbox, bridges, bridges.steps.length + 1, { skipProof: true });
  const floor: number[] = [];
  const read: number[] = [];
  const render: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    await sandbox.exec('true');
    floor.push(performance.now() - t);
    t = performance.now();
    const topo = await readTopology(sandbox);
    read.push(performance.now() - t);
    t = performance.now();
    renderText(topo);
    render.push(performance.now() - t);
  }
  const f = median(floor);
  const r = median(read);
  console.log(`rounds: ${rounds}, namespaces: 4 (lesson 04 finished)`);
  console.log(`floor  exec true        median ${f.toFixed(1)} ms`);
  console.log(`read   readTopology     median ${r.toFixed(1)} ms  = ${(r / f).toFixed(2)}× the floor`);
  console.log(`render renderText       median ${median(render).toFixed(2)} ms`);
} finally {
  await sandbox.stop();
}
