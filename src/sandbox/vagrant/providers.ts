/**
 * Which Vagrant provider runs the sandbox. A VM (virtualbox, libvirt) gives the learner their own kernel;
 * the docker provider runs the same image as a container (our tests use it: it works wherever Docker
 * does). NETLESSONS_VAGRANT_PROVIDER chooses; otherwise the first usable VM provider, else docker.
 */
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { UsageError } from '../../errors.js';
import { vagrantEnv } from './vagrant-cli.js';

export type VagrantProvider = 'docker' | 'virtualbox' | 'libvirt';
export const VAGRANT_PROVIDERS: readonly VagrantProvider[] = ['virtualbox', 'libvirt', 'docker'];

export interface ProviderStatus {
  provider: VagrantProvider;
  usable: boolean;
  /** What was found, or what is missing. */
  detail: string;
  /** The next step when not usable. */
  hint?: string;
}

async function runs(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ ok: boolean; out: string }> {
  try {
    const r = await execa(cmd, args, { reject: false, timeout: 20_000, env, stdin: 'ignore' });
    return { ok: r.exitCode === 0, out: `${r.stdout}\n${r.stderr}`.trim() };
  } catch {
    return { ok: false, out: '' };
  }
}

async function dockerStatus(): Promise<ProviderStatus> {
  // The provider drives the `docker` CLI (not the API), so both must answer.
  const cli = await runs('docker', ['version', '--format', '{{.Server.Version}}']);
  if (cli.ok) return { provider: 'docker', usable: true, detail: `Docker engine ${cli.out.split('\n')[0]} answers the docker CLI` };
  return {
    provider: 'docker',
    usable: false,
    detail: cli.out ? `the docker CLI cannot reach an engine: ${cli.out.split('\n').pop()}` : 'the docker CLI is not installed',
    hint: 'Install Docker (`sudo apt-get install docker.io`) and start it (`sudo systemctl start docker`).',
  };
}

async function virtualboxStatus(): Promise<ProviderStatus> {
  const r = await runs('VBoxManage', ['--version']);
  if (r.ok) return { provider: 'virtualbox', usable: true, detail: `VBoxManage ${r.out.split('\n')[0]}` };
  return { provider: 'virtualbox', usable: false, detail: 'VBoxManage is not installed', hint: 'Install VirtualBox from virtualbox.org (or your distribution).' };
}

async function libvirtStatus(plugins: string): Promise<ProviderStatus> {
  const plugin = /vagrant-libvirt\s+\(([^,)]+)/.exec(plugins);
  if (!plugin) {
    return { provider: 'libvirt', usable: false, detail: 'the vagrant-libvirt plugin is not installed', hint: '`sudo apt-get install vagrant-libvirt libvirt-daemon-system` (or `vagrant plugin install vagrant-libvirt`).' };
  }
  const socket = ['/var/run/libvirt/libvirt-sock', '/run/libvirt/libvirt-sock'].some((p) => existsSync(p));
  if (!socket) {
    return {
      provider: 'libvirt',
      usable: false,
      detail: `vagrant-libvirt ${plugin[1]} is installed but libvirtd is not running`,
      hint: '`sudo apt-get install libvirt-daemon-system && sudo systemctl start libvirtd`.',
    };
  }
  return { provider: 'libvirt', usable: true, detail: `vagrant-libvirt ${plugin[1]}, libvirtd answers` };
}

export async function providerStatuses(): Promise<ProviderStatus[]> {
  const plugins = await runs('vagrant', ['plugin', 'list'], vagrantEnv());
  return Promise.all([virtualboxStatus(), libvirtStatus(plugins.out), dockerStatus()]);
}

export function isVagrantProvider(name: string): name is VagrantProvider {
  return (VAGRANT_PROVIDERS as readonly string[]).includes(name);
}

/** The provider to use now: NETLESSONS_VAGRANT_PROVIDER, else the first usable (VMs first). */
export async function chooseProvider(): Promise<VagrantProvider> {
  const wanted = process.env.NETLESSONS_VAGRANT_PROVIDER;
  if (wanted) {
    if (!isVagrantProvider(wanted)) {
      throw new UsageError(`Unknown Vagrant provider NETLESSONS_VAGRANT_PROVIDER=${wanted}.`, `Use one of: ${VAGRANT_PROVIDERS.join(', ')}.`);
    }
    return wanted;
  }
  // Cheap checks first: a `vagrant plugin list` costs two seconds of Ruby start-up.
  if ((await virtualboxStatus()).usable) return 'virtualbox';
  if (['/var/run/libvirt/libvirt-sock', '/run/libvirt/libvirt-sock'].some((p) => existsSync(p))) {
    const plugins = await runs('vagrant', ['plugin', 'list'], vagrantEnv());
    if ((await libvirtStatus(plugins.out)).usable) return 'libvirt';
  }
  return 'docker';
}
