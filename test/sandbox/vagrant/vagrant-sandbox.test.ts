import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecTimeoutError, NotFoundError } from '../../../src/errors.js';
import { getBackend } from '../../../src/sandbox/index.js';
import { VagrantBackend, type VagrantSandbox } from '../../../src/sandbox/vagrant/vagrant-backend.js';
import { containersOf, useVagrantHome, vagrantSessionId } from './vagrant-env.js';

useVagrantHome();

describe('the Vagrant backend (docker provider, real engine)', () => {
  let sandbox: VagrantSandbox;

  beforeAll(async () => {
    const backend = await getBackend('vagrant');
    sandbox = (await backend.start({ sessionId: vagrantSessionId(), lessonId: 'vagrant-sandbox-test', hostname: 'nl-vagrant' })) as VagrantSandbox;
  }, 180_000);
  afterAll(async () => {
    await sandbox?.stop();
  }, 60_000);

  it('runs commands as root and returns the real exit code with stdout and stderr apart', async () => {
    const r = await sandbox.exec('id -u; echo oops >&2; exit 7');
    expect(r).toEqual({ exitCode: 7, stdout: '0\n', stderr: 'oops\n' });
    expect(sandbox.backend).toBe('vagrant');
  });

  it('passes quotes, dollars, newlines and a long script through unchanged', async () => {
    const tricky = `printf '%s\\n' "it's" '"$HOME"' \`echo back\` 'a\\tb'\necho second line`;
    const r = await sandbox.exec(tricky);
    expect(r.stdout).toBe(`it's\n"$HOME"\nback\na\\tb\nsecond line\n`);
    const long = Array.from({ length: 2000 }, (_, i) => `x${i}=${i}`).join('; ') + '; echo $x1999';
    expect((await sandbox.exec(long)).stdout).toBe('1999\n');
  });

  it('feeds ExecOptions.stdin to the command and closes it', async () => {
    const r = await sandbox.exec('wc -l; cat >/dev/null; echo done', { stdin: 'a\nb\nc\n' });
    expect(r.stdout).toBe('3\ndone\n');
  });

  it('kills a command past its time limit and throws ExecTimeoutError', async () => {
    const t0 = Date.now();
    await expect(sandbox.exec('sleep 30', { timeoutMs: 1_000 })).rejects.toBeInstanceOf(ExecTimeoutError);
    expect(Date.now() - t0).toBeLessThan(8_000);
    // The command is gone from the machine, not just abandoned.
    expect((await sandbox.exec('pgrep -x sleep || true')).stdout).toBe('');
  });

  it('has the network powers lessons need: namespaces, veth, writable /proc/sys/net', async () => {
    const r = await sandbox.exec(
      [
        'ip netns add red',
        'ip link add veth-red type veth peer name eth0 netns red',
        'ip addr add 10.0.0.1/24 dev veth-red && ip link set veth-red up',
        'ip -n red addr add 10.0.0.2/24 dev eth0 && ip -n red link set eth0 up && ip -n red link set lo up',
        'echo 1 > /proc/sys/net/ipv4/conf/veth-red/forwarding',
        'ping -c1 -W2 10.0.0.2 >/dev/null && echo pinged',
        'ip netns del red; ip link del veth-red 2>/dev/null; true',
      ].join(' && '),
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('pinged\n');
  });

  it('leaves the learner only `lo`: Docker’s interface and sshd live in a namespace of their own', async () => {
    expect((await sandbox.exec('ip -br link | cut -d" " -f1; ip route; ip netns list')).stdout).toBe('lo\n');
    // So a lesson may name its own eth0, and even drop all input, without cutting the backend off.
    expect((await sandbox.exec('ip link add eth0 type veth peer name eth1 && iptables -P INPUT DROP && echo ok')).stdout).toBe('ok\n');
    expect((await sandbox.exec('iptables -P INPUT ACCEPT; ip link del eth0; echo still here')).stdout).toBe('still here\n');
  });

  it('names the machine after the session and gives it the requested hostname', async () => {
    expect(sandbox.name).toContain(sandbox.sessionId);
    expect((await sandbox.exec('hostname')).stdout.trim()).toBe('nl-vagrant');
    expect(await containersOf(sandbox.sessionId)).toEqual([`/netlessons-vagrant-${sandbox.sessionId}`]);
  });

  it('shares one ssh connection: many execs, one login on the machine', async () => {
    expect(existsSync(sandbox.controlPath)).toBe(true);
    for (let i = 0; i < 10; i++) await sandbox.exec('true');
    // Established connections to sshd (in its own namespace): only the master's, however many commands ran.
    const r = await sandbox.exec(`nsenter --net=/run/netlessons/mgmt-netns ss -Htn state established '( sport = :22 )' | wc -l`);
    expect(r.stdout.trim()).toBe('1');
  });

  it('reattaches from the session folder in another backend instance', async () => {
    const again = await new VagrantBackend().attach(sandbox.sessionId);
    expect((await again.exec('echo same machine; hostname')).stdout).toBe('same machine\nnl-vagrant\n');
  });

  it('refuses to attach to a session it has no record of', async () => {
    await expect(new VagrantBackend().attach('tvnosuchsession')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('runs a shell command on a pty, filters its output and lets the caller type', async () => {
    const seen: string[] = [];
    const code = await sandbox.shell({
      command: ['bash', '--norc', '-i'],
      env: { NETLESSONS_LESSON: 'shell-test' },
      onOutput: (chunk) => {
        seen.push(chunk.toString());
        return Buffer.alloc(0);
      },
      onAttach: (io) => io.write('test -t 0 && echo "tty:$NETLESSONS_LESSON:$(id -u)"; exit 5\n'),
    });
    expect(code).toBe(5);
    expect(seen.join('')).toContain('tty:shell-test:0');
  });
});

describe('stopping a Vagrant sandbox', () => {
  it('destroys the machine and its folder, and a second stop is the same promise', async () => {
    const backend = new VagrantBackend();
    const s = await backend.start({ sessionId: vagrantSessionId(), lessonId: 'stop-test' });
    expect(await containersOf(s.sessionId)).toHaveLength(1);
    const first = s.stop();
    expect(s.stop()).toBe(first);
    await first;
    expect(await containersOf(s.sessionId)).toEqual([]);
    expect(existsSync(s.dir.dir)).toBe(false);
    const master = await execa('pgrep', ['-f', s.controlPath], { reject: false });
    expect(master.stdout).toBe('');
  }, 120_000);
});
