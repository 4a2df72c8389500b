/**
 * Which kernel networking features a sandbox's kernel offers. Containers share the host's kernel, so a
 * module the host lacks (Docker Desktop's and WSL's kernels often miss dummy, vlan or netem) cannot be
 * had inside: lessons needing it are skipped with a reason. Every probe runs in a throw-away network
 * namespace, so probing leaves nothing behind, even in a learner's sandbox.
 */
import { NetlessonsError } from '../../errors.js';
import type { ExecResult } from '../sandbox.js';

/** Feature name → the commands that succeed only when the kernel has it (run inside the probe netns). */
export const KERNEL_PROBES: Record<string, string> = {
  veth: 'ip link add p0 type veth peer name p1',
  bridge: 'ip link add p0 type bridge',
  dummy: 'ip link add p0 type dummy',
  // vlan, macvlan and ipvlan need a parent link; a veth is always the first thing we can make.
  vlan: 'ip link add par0 type veth peer name par1 && ip link add link par0 name p0 type vlan id 10',
  macvlan: 'ip link add par0 type veth peer name par1 && ip link add link par0 name p0 type macvlan mode bridge',
  ipvlan: 'ip link add par0 type veth peer name par1 && ip link add link par0 name p0 type ipvlan mode l2',
  vxlan: 'ip link add p0 type vxlan id 42 dstport 4789 local 127.0.0.1',
  // Needs /dev/net/tun, which a container only has when the engine maps the device in.
  tun: 'ip tuntap add mode tun name p0',
  nftables: 'nft add table inet nlprobe && nft delete table inet nlprobe',
  'iptables-nat': 'iptables -t nat -A POSTROUTING -o lo -j MASQUERADE && iptables -t nat -F POSTROUTING',
  netem: 'ip link set lo up && tc qdisc add dev lo root netem delay 1ms',
};

/** What the probe needs from a sandbox: something that runs a shell command. */
export type Exec = (command: string) => Promise<ExecResult>;

/** One exec for all probes (an exec costs ~60 ms); each probe gets a fresh netns and prints `name=0|1`. */
export function probeScript(probes: Record<string, string> = KERNEL_PROBES): string {
  const lines = Object.entries(probes).map(([name, cmd]) =>
    [
      `ip netns add "$ns" || exit 3`,
      `if ip netns exec "$ns" bash -c '${cmd.replace(/'/g, `'\\''`)}' >/dev/null 2>&1; then echo "${name}=1"; else echo "${name}=0"; fi`,
      `ip netns del "$ns"`,
    ].join('\n'),
  );
  return ['ns=nlprobe$$', `trap 'ip netns del "$ns" 2>/dev/null' EXIT`, ...lines].join('\n');
}

export async function probeKernelFeatures(exec: Exec): Promise<Record<string, boolean>> {
  const r = await exec(probeScript());
  if (r.exitCode !== 0) {
    throw new NetlessonsError(`Probing the kernel's network features failed (exit ${r.exitCode}): ${r.stderr.trim()}`, {
      hint: 'The sandbox cannot create network namespaces: `netlessons doctor` says why.',
    });
  }
  const features: Record<string, boolean> = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^([\w-]+)=([01])$/.exec(line.trim());
    if (m) features[m[1]!] = m[2] === '1';
  }
  return features;
}
