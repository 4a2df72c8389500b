/**
 * Where the learner's state lives: NETLESSONS_HOME when set (tests always set it), else the XDG data
 * folder (env-paths: ~/.local/share/netlessons on Linux). Sessions and progress both sit below it.
 */
import envPaths from 'env-paths';
import path from 'node:path';

export function stateDir(): string {
  const home = process.env.NETLESSONS_HOME;
  if (home) return path.resolve(home);
  return envPaths('netlessons', { suffix: '' }).data;
}

export function sessionsDir(): string {
  return path.join(stateDir(), 'sessions');
}

export function progressFile(): string {
  return path.join(stateDir(), 'progress.json');
}
