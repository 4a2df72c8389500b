/**
 * The docker provider's image: the sandbox image (image.ts, built offline when Docker Hub is out of
 * reach) plus sshd and a `vagrant` user trusting the installed Vagrant's insecure key
 * (vm/vagrant/Dockerfile). Tagged by a hash of the base tag, that folder and the key, so any change rebuilds.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { ImageError } from '../../errors.js';
import { VM_DIR } from '../../paths.js';
import { call, dockerClient } from '../docker/docker-client.js';
import { ensureImage, imageExists } from '../image.js';

export const VAGRANT_IMAGE_REPO = 'netlessons-vagrant';
const LAYER_DIR = path.join(VM_DIR, 'vagrant');

/** Where Debian's package, HashiCorp's installer and a gem install keep Vagrant's keys/. */
const GEM_ROOTS = ['/usr/share/rubygems-integration/all/gems', '/usr/share/vagrant', '/opt/vagrant/embedded/gems', '/usr/lib/ruby/vendor_ruby', '/usr/local/lib/ruby'];

function findUnder(root: string, depth: number): string | undefined {
  if (depth < 0) return undefined;
  let names: string[];
  try {
    names = readdirSync(root).sort().reverse(); // newest vagrant-x.y.z first
  } catch {
    return undefined;
  }
  for (const n of names) {
    const key = path.join(root, n, 'keys', 'vagrant');
    if (n.startsWith('vagrant') && existsSync(key) && existsSync(key + '.pub')) return key;
  }
  for (const n of names) {
    if (n.startsWith('.')) continue;
    const found = findUnder(path.join(root, n), depth - 1);
    if (found) return found;
  }
  return undefined;
}

export interface VagrantKeyPair {
  /** The private key file (copied into each session folder with mode 0600: ssh refuses a shared 0644 one). */
  privateKeyFile: string;
  publicKey: string;
}

/**
 * Vagrant's insecure key pair, which the docker provider's image trusts: keys/vagrant{,.pub} from
 * Vagrant's gem folder, else the copy of the private key Vagrant keeps in VAGRANT_HOME (written on
 * first use) with its public half derived.
 */
export async function vagrantKeyPair(): Promise<VagrantKeyPair> {
  const explicit = process.env.NETLESSONS_VAGRANT_KEY;
  const gemKey = explicit ? undefined : GEM_ROOTS.map((r) => findUnder(r, 3)).find(Boolean);
  if (gemKey) return { privateKeyFile: gemKey, publicKey: readFileSync(gemKey + '.pub', 'utf8') };
  const priv = explicit ?? path.join(process.env.VAGRANT_HOME ?? path.join(os.homedir(), '.vagrant.d'), 'insecure_private_key');
  const r = await execa('ssh-keygen', ['-y', '-f', priv], { reject: false });
  if (r.exitCode === 0 && r.stdout.startsWith('ssh-')) return { privateKeyFile: priv, publicKey: r.stdout + '\n' };
  throw new ImageError('Vagrant’s insecure key (keys/vagrant.pub) was not found.', {
    hint: 'Run any `vagrant` command once (it writes ~/.vagrant.d/insecure_private_key), or set NETLESSONS_VAGRANT_KEY to a private key file.',
  });
}

function layerFiles(): string[] {
  return readdirSync(LAYER_DIR).filter((n) => n !== 'vagrant.pub').sort();
}

export function vagrantImageTag(baseTag: string, pubkey: string): string {
  const h = createHash('sha256');
  h.update(baseTag + '\0' + pubkey + '\0');
  for (const f of layerFiles()) h.update(f + '\0' + readFileSync(path.join(LAYER_DIR, f)).toString('binary') + '\0');
  return `${VAGRANT_IMAGE_REPO}:${h.digest('hex').slice(0, 12)}`;
}


/** Build the sshd image unless its tag exists (and the sandbox image beneath it). Returns the tag. */
export async function ensureVagrantImage(onProgress: (line: string) => void = () => {}): Promise<string> {
  const { tag: base } = await ensureImage({ onProgress });
  const pubkey = (await vagrantKeyPair()).publicKey;
  const tag = vagrantImageTag(base, pubkey);
  if (await imageExists(tag)) return tag;
  onProgress(`building ${tag} (sshd and a vagrant user) on ${base}`);
  // The key comes from this machine's Vagrant, so the context is a copy of vm/vagrant/ plus the key.
  const ctx = mkdtempSync(path.join(os.tmpdir(), 'netlessons-vagrant-image-'));
  try {
    for (const f of layerFiles()) copyFileSync(path.join(LAYER_DIR, f), path.join(ctx, f));
    writeFileSync(path.join(ctx, 'vagrant.pub'), pubkey);
    const docker = dockerClient();
    const stream = await call('building the Vagrant sandbox image', () =>
      docker.buildImage({ context: ctx, src: [...layerFiles(), 'vagrant.pub'] }, { t: tag, buildargs: { BASE: base }, rm: true, forcerm: true, // The layer installs nothing: no network needed, and none depends on the engine's bridge.
        networkmode: 'none' }),
    );
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (err: Error | null, output: { error?: string }[]) => {
        const failed = err?.message ?? output?.find((o) => o.error)?.error;
        if (failed) reject(new ImageError(`Building the Vagrant sandbox image failed: ${failed.trim()}`, { hint: 'Check vm/vagrant/Dockerfile; `netlessons doctor` checks the engine.' }));
        else resolve();
      });
    });
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
  return tag;
}
