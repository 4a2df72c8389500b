/**
 * Every `vagrant` command goes through here: run in a session's folder (VAGRANT_CWD and
 * VAGRANT_DOTFILE_PATH point at it, so two sessions never share state or a lock), offline (no version
 * checkpoint, no box update check), in its own process group so a stuck `up` can be killed with its
 * `docker`/`ssh` children, and with its pid recorded for `clean` after a crash.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { EngineError } from '../../errors.js';
import type { SessionDir } from './session-dir.js';

/** Environment for any vagrant command; `dir` pins it to one session. */
export function vagrantEnv(dir?: SessionDir): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Offline: no probe for a newer Vagrant, no box update check.
    VAGRANT_CHECKPOINT_DISABLE: '1',
    VAGRANT_BOX_UPDATE_CHECK_DISABLE: '1',
    VAGRANT_NO_COLOR: '1',
  };
  // A learner's own Vagrant settings must not point ours at another Vagrantfile or machine folder.
  delete env.VAGRANT_VAGRANTFILE;
  delete env.VAGRANT_CWD;
  delete env.VAGRANT_DOTFILE_PATH;
  if (process.env.NETLESSONS_VAGRANT_LOG) env.VAGRANT_LOG = process.env.NETLESSONS_VAGRANT_LOG;
  if (dir) {
    env.VAGRANT_CWD = dir.dir;
    env.VAGRANT_DOTFILE_PATH = dir.dotfiles;
  }
  return env;
}

export interface VagrantRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface VagrantRunOptions {
  /** Each output line, cleaned of Vagrant's `==> sandbox:` prefix. */
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
}

function cleanLine(line: string): string {
  return line.replace(/^(==>|\s+)\s*sandbox:\s?/, '').trim();
}

/**
 * Run `vagrant args…` in the session's folder. Never rejects on a non-zero exit (callers decide);
 * rejects with EngineError when vagrant cannot be run at all, and with the signal's reason on abort.
 */
export async function vagrant(dir: SessionDir, args: string[], opts: VagrantRunOptions = {}): Promise<VagrantRun> {
  const child = execa('vagrant', [...args, '--no-color', '--no-tty'], {
    cwd: dir.dir,
    env: vagrantEnv(dir),
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    // Its own process group: killing -pid takes its `docker run` / `ssh` children with it.
    detached: true,
    timeout: opts.timeoutMs,
    killSignal: 'SIGTERM',
    forceKillAfterDelay: 5_000,
  });
  const pid = child.pid;
  if (pid) writeFileSync(dir.pidFile, String(pid));
  const onAbort = () => killGroup(pid);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.onLine) {
    let rest = '';
    child.stdout?.on('data', (b: Buffer) => {
      const lines = (rest + b.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) {
        const c = cleanLine(l);
        if (c) opts.onLine?.(c);
      }
    });
  }
  try {
    const r = await child;
    if ((r as { code?: string }).code === 'ENOENT' || /ENOENT/.test(String((r as { originalMessage?: string }).originalMessage ?? ''))) {
      throw notInstalled();
    }
    opts.signal?.throwIfAborted();
    return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    rmSync(dir.pidFile, { force: true });
  }
}

/** SIGTERM a recorded vagrant process group, then SIGKILL what is left after a grace period. */
export function killGroup(pid: number | undefined, graceMs = 3_000): Promise<void> {
  if (!pid) return Promise.resolve();
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = setInterval(() => {
      if (!alive()) {
        clearInterval(tick);
        resolve();
      } else if (Date.now() - started > graceMs) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
        clearInterval(tick);
        resolve();
      }
    }, 100);
  });
}

export function notInstalled(): EngineError {
  return new EngineError('Vagrant is not installed (no `vagrant` on PATH).', {
    hint: 'Install it (`sudo apt-get install vagrant`, or from developer.hashicorp.com/vagrant), or use `--backend docker`.',
  });
}

/** The last meaningful lines of a failed vagrant command, for an error message. */
export function tail(r: VagrantRun, n = 4): string {
  return (r.stderr.trim() || r.stdout.trim()).split('\n').map((l) => cleanLine(l)).filter(Boolean).slice(-n).join('\n');
}
