/**
 * A runner SIGKILLed mid-way (no handler runs) leaves a machine, and maybe a `vagrant up` still going
 * on its own. VagrantBackend.clean() finds both from the session folder and leaves nothing behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { VagrantBackend } from '../../../src/sandbox/vagrant/vagrant-backend.js';
import { SessionDir } from '../../../src/sandbox/vagrant/session-dir.js';
import { containersOf, useVagrantHome, vagrantSessionId } from './vagrant-env.js';

const home = useVagrantHome();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = path.join(root, 'test/fixtures/vagrant/hold-vagrant-sandbox.mjs');

interface Event {
  event: string;
  line?: string;
}

/** Start the fixture and resolve when an event matches; the child is returned for killing. */
function holdUntil(sessionId: string, match: (e: Event) => boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, sessionId], {
    cwd: root,
    env: { ...process.env, NETLESSONS_HOME: home, NETLESSONS_VAGRANT_PROVIDER: 'docker' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (b) => (err += b));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => {
      try {
        if (match(JSON.parse(l) as Event)) resolve(child);
      } catch {
        // not one of our lines
      }
    });
    child.on('exit', (code) => reject(new Error(`fixture exited (${code}) before the moment to kill it:\n${err}`)));
  });
}

async function leftovers(sessionId: string): Promise<{ containers: string[]; folder: boolean; processes: string }> {
  const dir = new SessionDir(sessionId, path.join(home, 'vagrant'));
  // Any process (docker CLI, ssh master) naming this session, or (vagrant) working in its folder.
  const ps = await execa('pgrep', ['-af', sessionId], { reject: false });
  const inFolder = readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readlinkSync(`/proc/${p}/cwd`).startsWith(dir.dir);
      } catch {
        return false;
      }
    });
  return { containers: await containersOf(sessionId), folder: existsSync(dir.dir), processes: [ps.stdout.trim(), ...inFolder].join(' ').trim() };
}

/** SIGKILL the runner, then clean. Says whether a `vagrant` command was still running on its own. */
async function killAndClean(child: ChildProcess, sessionId: string): Promise<{ removed: number; orphanedVagrant: boolean }> {
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const dir = new SessionDir(sessionId, path.join(home, 'vagrant'));
  let orphanedVagrant = false;
  try {
    process.kill(Number(readFileSync(dir.pidFile, 'utf8')), 0);
    orphanedVagrant = true;
  } catch {
    // no pid file, or that process is gone
  }
  return { removed: await new VagrantBackend().clean(sessionId), orphanedVagrant };
}

describe('after SIGKILL, clean() leaves no machine behind', () => {
  it('when the runner dies during `vagrant up`', async () => {
    const id = vagrantSessionId();
    const child = await holdUntil(id, (e) => e.event === 'progress' && /Creating the container|Starting container/.test(e.line ?? ''));
    const { orphanedVagrant } = await killAndClean(child, id);
    // The killed runner's `vagrant up` went on alone: clean() had to stop it first.
    expect(orphanedVagrant).toBe(true);
    // An orphaned `docker run` the killed up had sent may still land: give it the time it would take.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await leftovers(id)).toEqual({ containers: [], folder: false, processes: '' });
  }, 180_000);

  it('when the runner dies during an exec: `netlessons clean --session` (the built CLI)', async () => {
    const cli = path.join(root, 'dist/cli/main.js');
    if (!existsSync(path.join(root, 'dist/sandbox/vagrant/vagrant-backend.js'))) throw new Error('run `npm run build` first (npm test does)');
    const id = vagrantSessionId();
    const child = await holdUntil(id, (e) => e.event === 'exec');
    expect(await containersOf(id)).toHaveLength(1);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const out = await execa(process.execPath, [cli, 'clean', '--session', id, '--json'], { env: { ...process.env, NETLESSONS_HOME: home } });
    expect(JSON.parse(out.stdout)).toMatchObject({ removed: 1, byBackend: { vagrant: 1 } });
    expect(await leftovers(id)).toEqual({ containers: [], folder: false, processes: '' });
  }, 180_000);

  it('when the runner dies and its session folder is lost too: by label', async () => {
    const id = vagrantSessionId();
    const child = await holdUntil(id, (e) => e.event === 'exec');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await execa('ssh', ['-F', path.join(home, 'vagrant', id, 'ssh_config'), '-O', 'exit', 'sandbox'], { reject: false });
    rmSync(path.join(home, 'vagrant', id), { recursive: true, force: true });
    expect(await containersOf(id)).toHaveLength(1);
    expect(await new VagrantBackend().clean(id)).toBe(1);
    expect(await leftovers(id)).toEqual({ containers: [], folder: false, processes: '' });
  }, 180_000);

  it('an aborted start (Ctrl-C through the teardown guard) stops `vagrant up` and removes what it made', async () => {
    const id = vagrantSessionId();
    const controller = new AbortController();
    const started = new VagrantBackend().start({
      sessionId: id,
      signal: controller.signal,
      onProgress: (line) => {
        if (/Creating the container/.test(line)) controller.abort(new Error('interrupted'));
      },
    });
    await expect(started).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await leftovers(id)).toEqual({ containers: [], folder: false, processes: '' });
  }, 120_000);

  it('clean() with a run id spares other runs’ sessions', async () => {
    const id = vagrantSessionId();
    const dir = new SessionDir(id, path.join(home, 'vagrant'));
    dir.create({ sessionId: id, provider: 'docker', hostname: 'x', run: 'someone-else', packagesFile: '', profileFile: '', createdAt: '' });
    expect(await new VagrantBackend().clean(undefined, 'my-run')).toBe(0);
    expect(dir.exists()).toBe(true);
    expect(await new VagrantBackend().clean(id)).toBe(0);
    expect(dir.exists()).toBe(false);
  }, 60_000);
});
