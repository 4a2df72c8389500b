/**
 * `vagrant ssh-config` costs two seconds of Ruby start-up, so it is asked once per session; its answer
 * is rewritten into an ssh config file in the session folder with the connection-sharing options, and
 * every later command (from any process) runs plain `ssh -F that-file sandbox`.
 */
import { writeFileSync } from 'node:fs';

export const SSH_HOST = 'sandbox';

/** `Key Value` pairs of the first Host block, as vagrant prints them. */
export function parseSshConfig(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let inHost = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(\S+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!;
    const value = m[2]!.replace(/^"(.*)"$/, '$1');
    if (key.toLowerCase() === 'host') {
      if (inHost) break;
      inHost = true;
      continue;
    }
    if (inHost) out.set(key, value);
  }
  return out;
}

function quote(v: string): string {
  return /[\s"]/.test(v) ? `"${v.replace(/"/g, '\\"')}"` : v;
}

/** The ssh config netlessons uses: vagrant's settings plus a control socket and liveness probes. */
export function renderSshConfig(vagrantSettings: Map<string, string>, controlPath: string): string {
  const settings = new Map(vagrantSettings);
  for (const key of ['ControlMaster', 'ControlPath', 'ControlPersist']) settings.delete(key);
  const lines = [`Host ${SSH_HOST}`];
  for (const [k, v] of settings) lines.push(`  ${k} ${quote(v)}`);
  lines.push(
    // Each exec shares one authenticated connection: ~25 ms a command instead of a new login.
    `  ControlPath ${quote(controlPath)}`,
    '  ControlMaster no',
    // A master from a crashed process exits on its own after this long unused.
    '  ControlPersist 10m',
    '  ConnectTimeout 10',
    '  ServerAliveInterval 5',
    '  ServerAliveCountMax 3',
    '  BatchMode yes',
  );
  return lines.join('\n') + '\n';
}

export function writeSshConfig(file: string, vagrantOutput: string, controlPath: string): Map<string, string> {
  const settings = parseSshConfig(vagrantOutput);
  if (!settings.get('HostName')) throw new Error('vagrant ssh-config printed no HostName');
  writeFileSync(file, renderSshConfig(settings, controlPath), { mode: 0o600 });
  return settings;
}
