/**
 * Which of the kernel features a lesson declares (`kernel: [dummy]`) this machine lacks. The sandbox
 * shares the host's kernel, so a missing module is a fact about the host, not a lesson bug: verify
 * skips such lessons and says why instead of failing mysteriously.
 * Probes run in a throwaway namespace of a throwaway sandbox.
 */
import type { Exec } from '../../checks/index.js';

/** One command per feature that succeeds only when the kernel has it. */
const PROBES: Record<string, string> = {
  veth: 'ip link add nlp0 type veth peer name nlp1',
  bridge: 'ip link add nlp0 type bridge',
  dummy: 'ip link add nlp0 type dummy',
  macvlan: 'ip link add nlp0 type veth peer name nlp1 && ip link add nlp2 link nlp0 type macvlan',
  ipvlan: 'ip link add nlp0 type veth peer name nlp1 && ip link add nlp2 link nlp0 type ipvlan',
  vlan: 'ip link add nlp0 type veth peer name nlp1 && ip link add nlp2 link nlp0 type vlan id 2',
  vxlan: 'ip link add nlp0 type vxlan id 42 dstport 4789',
  tun: 'ip tuntap add nlp0 mode tun',
  netem: 'tc qdisc add dev lo root netem delay 1ms',
  nftables: 'nft add table inet nlprobe',
  'iptables-nat': 'iptables -t nat -L -n',
  conntrack: 'iptables -A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT',
};

export const KNOWN_KERNEL_FEATURES = Object.keys(PROBES);

/** Features (of those asked) the sandbox's kernel cannot provide; unknown names count as missing. */
export async function missingKernelFeatures(sandbox: Exec, features: string[]): Promise<string[]> {
  const wanted = [...new Set(features)];
  if (!wanted.length) return [];
  // One exec: each probe in its own namespace, printing the names that fail.
  const script = wanted
    .map((f, i) => {
      const probe = PROBES[f];
      if (!probe) return `echo ${JSON.stringify(f)}`;
      return `ip netns add nlprobe${i} && { ip netns exec nlprobe${i} bash -c ${shellQuote(probe)} >/dev/null 2>&1 || echo ${JSON.stringify(f)}; }; ip netns del nlprobe${i} 2>/dev/null`;
    })
    .join('\n');
  const r = await sandbox.exec(script, { timeoutMs: 30_000 });
  return r.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
