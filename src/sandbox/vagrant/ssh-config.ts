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

function quote(key: string, v: string): string {
  // ProxyCommand is the rest of the line, handed to a shell: quotes would become part of the command.
  if (key === 'ProxyCommand') return v;
  return /[\s"]/.test(v) ? `"${v.replace(/"/g, '\\"')}"` : v;
}

/**
 * The docker provider's container has no network (like the Docker backend's): ssh reaches its sshd,
 * which listens on the loopback of a namespace of its own (vm/vagrant/start-sshd.sh), through
 * `docker exec`. Vagrant cannot print this (it has no address to give), so it is written here.
 */
export function dockerProviderSettings(container: string, identityFile: string): Map<string, string> {
  const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return new Map([
    ['HostName', container],
    ['User', 'vagrant'],
    ['Port', '22'],
    ['UserKnownHostsFile', '/dev/null'],
    ['StrictHostKeyChecking', 'no'],
    ['PasswordAuthentication', 'no'],
    ['IdentityFile', identityFile],
    ['IdentitiesOnly', 'yes'],
    ['LogLevel', 'FATAL'],
    ['ProxyCommand', `docker exec -i ${shq(container)} nsenter --net=/run/netlessons/mgmt-netns nc -N 127.0.0.1 22`],
  ]);
}

/** The ssh config netlessons uses: vagrant's settings plus a control socket and liveness probes. */
export function renderSshConfig(vagrantSettings: Map<string, string>, controlPath: string): string {
  const settings = new Map(vagrantSettings);
  for (const key of ['ControlMaster', 'ControlPath', 'ControlPersist']) settings.delete(key);
  const lines = [`Host ${SSH_HOST}`];
  for (const [k, v] of settings) lines.push(`  ${k} ${quote(k, v)}`);
  lines.push(
    // Each exec shares one authenticated connection: ~25 ms a command instead of a new login.
    `  ControlPath ${quote('ControlPath', controlPath)}`,
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

export function writeSshConfig(file: string, settings: Map<string, string>, controlPath: string): void {
  if (!settings.get('HostName')) throw new Error('vagrant ssh-config printed no HostName');
  writeFileSync(file, renderSshConfig(settings, controlPath), { mode: 0o600 });
}
