// Exec round trip on the Vagrant backend (docker provider: ssh over a shared ControlMaster connection)
// against the floor of the Docker backend's exec, measured interleaved in the same run. Full mode also
// times `vagrant ssh -c true`, the per-call cost the shared connection avoids. Uses the built dist/.
// Usage: node bench/vagrant-exec.mjs [--quick] [--json]
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { DockerBackend, newSessionId } from '../dist/sandbox/docker/docker-backend.js';
import { VagrantBackend } from '../dist/sandbox/vagrant/vagrant-backend.js';
import { vagrantEnv } from '../dist/sandbox/vagrant/vagrant-cli.js';

const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const runs = quick ? 10 : 50;
process.env.NETLESSONS_HOME ??= mkdtempSync(path.join(os.tmpdir(), 'netlessons-bench-'));
process.env.NETLESSONS_VAGRANT_PROVIDER ??= 'docker';

const round = (x) => Math.round(x * 10) / 10;
function summary(times) {
  const s = [...times].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { runs: s.length, median: round(median), min: round(s[0]), max: round(s.at(-1)) };
}
const timed = async (fn) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

const say = (line) => asJson || process.stderr.write(`${line}\n`);
say(`starting a Docker sandbox and a Vagrant (${process.env.NETLESSONS_VAGRANT_PROVIDER}) sandbox…`);
const started = await Promise.allSettled([
  new DockerBackend().start({ sessionId: `b${newSessionId()}`, lessonId: 'bench-floor' }),
  new VagrantBackend().start({ sessionId: `bv${newSessionId()}`, lessonId: 'bench' }),
]);
// One failing to start must not leave the other running (a `vagrant up` failure used to leak the Docker one).
const failedStart = started.find((s) => s.status === 'rejected');
if (failedStart) {
  await Promise.allSettled(started.filter((s) => s.status === 'fulfilled').map((s) => s.value.stop()));
  throw failedStart.reason;
}
const [docker, vagrant] = started.map((s) => s.value);
try {
  await docker.exec('true');
  await vagrant.exec('true');
  const d = [];
  const v = [];
  for (let i = 0; i < runs; i++) {
    d.push(await timed(() => docker.exec('true')));
    v.push(await timed(() => vagrant.exec('true')));
  }
  const floor = summary(d);
  const ssh = summary(v);
  const result = { vagrantExec: { dockerExec: floor, vagrantExec: ssh, ratio: Math.round((ssh.median / floor.median) * 100) / 100 } };
  const rows = [
    ['exec `true`', 'median (min–max)', 'ratio'],
    ['docker backend (floor)', `${floor.median} ms (${floor.min}–${floor.max})`, '1.00'],
    ['vagrant backend, ssh ControlMaster', `${ssh.median} ms (${ssh.min}–${ssh.max})`, result.vagrantExec.ratio.toFixed(2)],
  ];
  if (!quick) {
    const env = vagrantEnv(vagrant.dir);
    const c = [];
    try {
      for (let i = 0; i < 3; i++) c.push(await timed(() => execa('vagrant', ['ssh', '-c', 'true'], { cwd: vagrant.dir.dir, env, stdin: 'ignore' })));
      const cli = summary(c);
      result.vagrantExec.vagrantSshC = cli;
      rows.push(['`vagrant ssh -c true` (not used)', `${cli.median} ms (${cli.min}–${cli.max})`, (cli.median / floor.median).toFixed(2)]);
    } catch (err) {
      // The docker provider's box has no network, so `vagrant ssh` cannot reach it: an extra row, not a failure.
      say(`vagrant ssh -c true unavailable here: ${String(err.shortMessage ?? err.message).split('\n')[0]}`);
    }
  }
  if (asJson) process.stdout.write(JSON.stringify(result) + '\n');
  else {
    console.log(`\nSandbox exec round trip, ${runs} interleaved runs each`);
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
    for (const r of rows) console.log('  ' + r.map((c, i) => String(c).padEnd(widths[i])).join('  '));
  }
} finally {
  await Promise.allSettled([docker.stop(), vagrant.stop()]);
}
