/**
 * `netlessons doctor --backend vagrant`: Vagrant present (and its version), which providers work here
 * (virtualbox: VBoxManage; libvirt: the vagrant-libvirt plugin and libvirtd; docker: an engine answering
 * the docker CLI), the one that `start` would use, the ssh client every command goes through, Vagrant's
 * login key, then a real test machine: namespaces, writable net.* sysctls and its kernel's features.
 */
import { execa } from 'execa';
import { isNetlessonsError } from '../../errors.js';
import { newSessionId } from '../docker/docker-backend.js';
import { release, startGuarded } from '../teardown.js';
import { chooseProvider, providerStatuses, type VagrantProvider } from '../vagrant/providers.js';
import { VagrantBackend } from '../vagrant/vagrant-backend.js';
import { vagrantEnv } from '../vagrant/vagrant-cli.js';
import { vagrantKeyPair } from '../vagrant/vagrant-image.js';
import type { DoctorCheck, DoctorReport } from './check.js';
import { probeKernelFeatures } from './kernel-features.js';

const MACHINE_SCRIPT = [
  'probe() { if bash -c "$2" >/dev/null 2>&1; then echo "$1=1"; else echo "$1=0"; fi; }',
  "probe netns 'ip netns add doctor && ip netns del doctor'",
  "probe net_sysctl 'sysctl -w net.ipv4.ip_forward=$(cat /proc/sys/net/ipv4/ip_forward)'",
].join('\n');

function failure(id: string, title: string, err: unknown): DoctorCheck {
  const e = err as Error & { hint?: string };
  return { id, title, status: 'fail', detail: e?.message ?? String(err), hint: isNetlessonsError(err) ? err.hint : undefined };
}

export async function vagrantChecks(onProgress: (line: string) => void = () => {}): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const facts: Record<string, unknown> = {};
  const skip = (ids: string[], why: string) => ids.forEach((id) => checks.push({ id, title: id, status: 'skip', detail: why }));

  onProgress('asking Vagrant for its version');
  const v = await execa('vagrant', ['--version'], { reject: false, env: vagrantEnv(), stdin: 'ignore', timeout: 30_000 });
  const version = /Vagrant\s+(\S+)/.exec(String(v.stdout))?.[1];
  if (v.exitCode !== 0 || !version) {
    checks.push({
      id: 'vagrant',
      title: 'vagrant',
      status: 'fail',
      detail: (v as { code?: string }).code === 'ENOENT' ? 'Vagrant is not installed (no `vagrant` on PATH)' : `\`vagrant --version\` failed: ${String(v.stderr).trim().split('\n').pop()}`,
      hint: 'Install it: `sudo apt-get install vagrant` (Debian, Ubuntu) or from developer.hashicorp.com/vagrant; or use `--backend docker`.',
    });
    skip(['providers', 'provider', 'ssh', 'key', 'machine'], 'needs Vagrant');
    return { backend: 'vagrant', checks, facts };
  }
  facts.vagrantVersion = version;
  checks.push({ id: 'vagrant', title: 'vagrant', status: 'ok', detail: `Vagrant ${version}` });

  onProgress('looking for usable providers');
  const providers = await providerStatuses();
  facts.providers = providers;
  const usable = providers.filter((p) => p.usable);
  checks.push({
    id: 'providers',
    title: 'providers',
    status: usable.length ? 'ok' : 'fail',
    detail: providers.map((p) => `${p.provider}: ${p.usable ? 'yes' : 'no'} (${p.detail})`).join('; '),
    hint: usable.length
      ? undefined
      : `No provider can run a machine. Quickest: ${providers.find((p) => p.provider === 'docker')?.hint} For a VM with its own kernel: ${providers.find((p) => p.provider === 'virtualbox')?.hint}`,
  });

  let chosen: VagrantProvider | undefined;
  try {
    chosen = await chooseProvider();
    const status = providers.find((p) => p.provider === chosen);
    facts.provider = chosen;
    const how = process.env.NETLESSONS_VAGRANT_PROVIDER ? 'NETLESSONS_VAGRANT_PROVIDER' : 'the first usable, VMs first';
    checks.push(
      status?.usable
        ? { id: 'provider', title: 'provider', status: 'ok', detail: `${chosen} (${how})${chosen === 'docker' ? ': a container sharing the host kernel, not a VM' : ': a VM with its own kernel'}` }
        : { id: 'provider', title: 'provider', status: 'fail', detail: `${chosen} (${how}) is not usable here: ${status?.detail}`, hint: status?.hint ?? 'Set NETLESSONS_VAGRANT_PROVIDER to a usable provider.' },
    );
  } catch (err) {
    checks.push(failure('provider', 'provider', err));
  }

  const ssh = await execa('ssh', ['-V'], { reject: false, stdin: 'ignore' });
  checks.push(
    ssh.exitCode === 0
      ? { id: 'ssh', title: 'ssh', status: 'ok', detail: `${String(ssh.stderr).trim()} (every command runs over one shared connection)` }
      : { id: 'ssh', title: 'ssh', status: 'fail', detail: 'the ssh client is not installed', hint: '`sudo apt-get install openssh-client`.' },
  );

  if (chosen === 'docker') {
    try {
      await vagrantKeyPair();
      checks.push({ id: 'key', title: 'key', status: 'ok', detail: 'Vagrant’s insecure key pair found (its public half is baked into the docker provider’s image)' });
    } catch (err) {
      checks.push(failure('key', 'key', err));
    }
  }

  if (checks.some((c) => c.status === 'fail')) {
    skip(['machine', 'kernel'], 'needs the checks above');
    return { backend: 'vagrant', checks, facts };
  }
  onProgress(`starting a test machine (${chosen}; a VM's first start downloads its box)`);
  let machine;
  try {
    machine = await startGuarded(new VagrantBackend(), { sessionId: `doctor-${newSessionId()}`, lessonId: 'doctor', onProgress });
  } catch (err) {
    checks.push(failure('machine', 'machine', err));
    skip(['kernel'], 'needs a machine');
    return { backend: 'vagrant', checks, facts };
  }
  try {
    const r = await machine.exec(MACHINE_SCRIPT, { timeoutMs: 15_000 });
    const got = Object.fromEntries(r.stdout.trim().split('\n').map((l) => l.split('=') as [string, string]));
    checks.push(
      got.netns === '1' && got.net_sysctl === '1'
        ? { id: 'machine', title: 'machine', status: 'ok', detail: 'a test machine starts; `ip netns add` works as root; net.* sysctls are writable' }
        : { id: 'machine', title: 'machine', status: 'fail', detail: `a test machine started but ${got.netns !== '1' ? '`ip netns add` failed' : 'net.* sysctls are read-only'} in it`, hint: 'With the docker provider the engine must grant SYS_ADMIN and AppArmor unconfined; `netlessons doctor --backend docker` checks that.' },
    );
    onProgress('probing kernel features');
    const features = await probeKernelFeatures((c) => machine.exec(c, { timeoutMs: 30_000 }));
    facts.kernelFeatures = features;
    const lack = Object.keys(features).filter((f) => !features[f]);
    checks.push({
      id: 'kernel',
      title: 'kernel',
      status: lack.length ? 'warn' : 'ok',
      detail: `has ${Object.keys(features).filter((f) => features[f]).join(' ')}${lack.length ? `; lacks ${lack.join(' ')}` : ''}`,
      hint: lack.length ? `Lessons needing ${lack.join(', ')} are skipped${chosen === 'docker' ? ' (the docker provider shares the host kernel; a VM provider has its own)' : ''}.` : undefined,
    });
  } catch (err) {
    checks.push(failure('machine', 'machine', err));
  } finally {
    await machine.stop().catch(() => {});
    release(machine);
  }
  return { backend: 'vagrant', checks, facts };
}
