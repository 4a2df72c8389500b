import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { dockerProviderSettings, parseSshConfig, renderSshConfig } from '../../../src/sandbox/vagrant/ssh-config.js';
import { rootCommand } from '../../../src/sandbox/vagrant/ssh-exec.js';

const fixture = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/vagrant/ssh-config.txt'), 'utf8');

it('reads the first Host block of `vagrant ssh-config`, unquoting paths with spaces', () => {
  const s = parseSshConfig(fixture);
  expect(s.get('HostName')).toBe('172.17.0.9');
  expect(s.get('User')).toBe('vagrant');
  expect(s.get('IdentityFile')).toBe('/home/a learner/.vagrant.d/insecure_private_key');
  expect(s.has('other')).toBe(false);
});

it('writes a config that shares one connection through the session’s control socket', () => {
  const text = renderSshConfig(parseSshConfig(fixture), '/tmp/x y/ssh.sock');
  expect(text).toMatch(/^Host sandbox\n/);
  expect(text).toContain('  ControlPath "/tmp/x y/ssh.sock"\n');
  expect(text).toContain('  IdentityFile "/home/a learner/.vagrant.d/insecure_private_key"\n');
  expect(text).toContain('  ControlPersist 10m\n');
});

it('sends the command base64-encoded, so the remote login shell never parses its quotes', () => {
  const cmd = rootCommand(`echo "it's $HOME" | tr a b`, 5);
  expect(cmd).toMatch(/^cd \/ && sudo -n nsenter --net=\/proc\/1\/ns\/net timeout -k 2 5 bash -c "\$\(echo [A-Za-z0-9+/=]+ \| base64 -d\)"$/);
  expect(cmd).not.toContain("it's");
});

it('reaches the docker provider’s network-less container through docker exec, unquoted', () => {
  const text = renderSshConfig(dockerProviderSettings('netlessons-vagrant-abc', '/s/identity'), '/s/ssh.sock');
  expect(text).toContain("  ProxyCommand docker exec -i 'netlessons-vagrant-abc' nsenter --net=/run/netlessons/mgmt-netns nc -N 127.0.0.1 22\n");
  expect(text).toContain('  IdentityFile /s/identity\n');
});
