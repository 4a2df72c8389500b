/**
 * Taking a session down, on every way out (stop, an aborted start, `clean` after a crash): kill a
 * `vagrant` command still running there (an `up` holds Vagrant's machine lock and would go on creating),
 * `vagrant destroy -f`, remove docker-provider containers by label in case Vagrant's own record is
 * broken, then remove the folder. The folder goes last: it is what `clean` finds leftovers by.
 */
import { readFileSync } from 'node:fs';
import { EngineError } from '../../errors.js';
import { dockerClient } from '../docker/docker-client.js';
import { isVagrantProcess, SessionDir } from './session-dir.js';
import { closeMaster } from './ssh-exec.js';
import { killGroup, tail, vagrant } from './vagrant-cli.js';

/** The docker provider's labels (vm/Vagrantfile): apart from the Docker backend's, which sweeps its own. */
export const LABEL_SESSION = 'netlessons.vagrant.session';
export const LABEL_RUN = 'netlessons.vagrant.run';
export const LABEL_BACKEND = 'netlessons.backend';

/** Stop a `vagrant` process of this session left running (by a crashed process, or an aborted start). */
export async function killRecordedVagrant(dir: SessionDir): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(dir.pidFile, 'utf8').trim());
  } catch {
    return;
  }
  if (pid > 0 && isVagrantProcess(pid)) await killGroup(pid);
}

/** Force-remove the docker provider's containers of a session. Returns how many. */
export async function removeContainers(sessionId: string): Promise<number> {
  let found: { Id: string }[];
  try {
    found = await dockerClient().listContainers({ all: true, filters: { label: [`${LABEL_SESSION}=${sessionId}`, `${LABEL_BACKEND}=vagrant`] } });
  } catch {
    return 0; // no engine: nothing of the docker provider can be left either
  }
  let n = 0;
  for (const c of found) {
    try {
      await dockerClient().getContainer(c.Id).remove({ force: true, v: true });
      n++;
    } catch (err) {
      const s = (err as { statusCode?: number }).statusCode;
      if (s !== 404 && s !== 409) throw err;
    }
  }
  return n;
}

/**
 * Docker-provider containers with no session folder here (their folder was lost, or lives under another
 * NETLESSONS_HOME): removed by label, like the Docker backend's reaper. Returns how many.
 */
export async function sweepOrphanContainers(sessionId?: string): Promise<number> {
  let found: { Id: string; Labels: Record<string, string> }[];
  try {
    const label = [`${LABEL_BACKEND}=vagrant`, sessionId ? `${LABEL_SESSION}=${sessionId}` : LABEL_SESSION];
    found = await dockerClient().listContainers({ all: true, filters: { label } });
  } catch {
    return 0;
  }
  let n = 0;
  for (const c of found) {
    const id = c.Labels[LABEL_SESSION];
    if (id && /^[A-Za-z0-9_.-]+$/.test(id) && new SessionDir(id).exists()) continue;
    try {
      await dockerClient().getContainer(c.Id).remove({ force: true, v: true });
      n++;
    } catch (err) {
      const st = (err as { statusCode?: number }).statusCode;
      if (st !== 404 && st !== 409) throw err;
    }
  }
  return n;
}

/** Returns true when something (a machine or a container) was there to remove. */
export async function destroySession(dir: SessionDir): Promise<boolean> {
  if (!dir.exists()) {
    dir.remove();
    return (await removeContainers(dir.sessionId)) > 0;
  }
  const record = dir.read();
  await killRecordedVagrant(dir);
  await closeMaster({ configFile: dir.sshConfigFile, controlPath: dir.controlPath, masterLog: dir.masterLog }).catch(() => {});
  // Removing the container first spares `vagrant destroy` the container's stop timeout; Vagrant then
  // finds it gone and only forgets it.
  const removed = record?.provider === 'docker' ? await removeContainers(dir.sessionId) : 0;
  const r = await vagrant(dir, ['destroy', '-f'], { timeoutMs: 120_000 });
  const existed = removed > 0 || /Destroying|Deleting|Forcing shutdown/i.test(r.stdout);
  if (r.exitCode !== 0 && record?.provider !== 'docker') {
    // A VM we could not destroy must not lose its record: keep the folder so `clean` can retry.
    throw new EngineError(`vagrant destroy failed in ${dir.dir}:\n${tail(r)}`, {
      hint: `Run \`vagrant destroy -f\` in ${dir.dir} by hand, or \`netlessons clean\` to retry.`,
    });
  }
  await removeContainers(dir.sessionId);
  dir.remove();
  return existed;
}
