/**
 * The host's network state, read-only, as comparable text: addresses, routes (all tables), rules,
 * named namespaces, the nftables ruleset and iptables-save.
 *
 * Scoped, on purpose: the machine's main dockerd (shared with other test runs and developers) plugs the
 * containers it runs on its default or user bridges into the host with veth pairs and, for published
 * ports, adds DOCKER chain rules and MASQUERADE/DNAT rules for their addresses. Those churn on their own
 * whatever netlessons does, so they are left out: interfaces named br-* and veth* (and their addresses
 * and routes), docker0's flags and state (it goes NO-CARRIER when its last container leaves), firewall
 * rules naming those interfaces or the bridges' subnets, DOCKER* chains, packet counters, iptables-save's
 * timestamp comments and address lifetimes. Everything else must match — including that docker0 still
 * exists with its addresses: a dockerd started with `--bridge none` on the host's network deletes it.
 */
import { execFileSync } from 'node:child_process';

const ENGINE_IFACE = /^(docker0|br-[0-9a-f]+|veth[0-9a-f]+)$/;

const run = (cmd: string, args: string[]): string => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    return `<${cmd} ${args.join(' ')} failed: ${(e.stderr || e.message).trim()}>`;
  }
};

interface IpAddr {
  ifname: string;
  addr_info?: { family: string; local: string; prefixlen: number; valid_life_time?: number; preferred_life_time?: number }[];
  [k: string]: unknown;
}

export interface HostNetwork {
  addr: unknown;
  route: unknown;
  rule: unknown;
  netns: string;
  nft: string;
  iptables: string;
}

/** The IPv4 subnets of the engine's bridges, as regexes matching their addresses' first three octets (a /16 or /24 test net). */
function engineSubnets(addrs: IpAddr[]): RegExp[] {
  const out: RegExp[] = [];
  for (const a of addrs) {
    if (!ENGINE_IFACE.test(a.ifname)) continue;
    for (const i of a.addr_info ?? []) {
      if (i.family !== 'inet') continue;
      const octets = i.local.split('.');
      const keep = i.prefixlen >= 24 ? 3 : i.prefixlen >= 16 ? 2 : 1;
      out.push(new RegExp(`\\b${octets.slice(0, keep).join('\\.')}\\.`));
    }
  }
  return out;
}

function firewallText(text: string, subnets: RegExp[]): string {
  const engineLine = (l: string) => /docker0|br-[0-9a-f]{6,}|veth[0-9a-f]+|DOCKER/.test(l) || subnets.some((s) => s.test(l));
  return text
    .split('\n')
    .filter((l) => !l.startsWith('#') && !engineLine(l))
    .map((l) => l.replace(/\[\d+:\d+\]/g, '[0:0]').replace(/counter packets \d+ bytes \d+/g, 'counter'))
    .join('\n');
}

export function readHostNetwork(): HostNetwork {
  const addrs = JSON.parse(run('ip', ['-j', 'addr'])) as IpAddr[];
  const subnets = engineSubnets(addrs);
  const addr = addrs
    .filter((a) => a.ifname === 'docker0' || !ENGINE_IFACE.test(a.ifname))
    .map(({ ifindex: _i, ...a }) =>
      a.ifname === 'docker0' ? { ifname: a.ifname, addresses: (a.addr_info ?? []).map((i) => `${i.local}/${i.prefixlen}`).sort() } : a,
    )
    .map((a) => ({
      ...a,
      // Lifetimes count down by themselves; link indexes move when the engine adds and removes veths.
      addr_info: ((a as IpAddr).addr_info ?? []).map(({ valid_life_time: _v, preferred_life_time: _p, ...rest }) => rest),
    }));
  const routes = (JSON.parse(run('ip', ['-j', 'route', 'show', 'table', 'all'])) as { dev?: string; dst?: string; expires?: number }[])
    .filter((r) => !(r.dev && ENGINE_IFACE.test(r.dev)) && !subnets.some((s) => s.test(r.dst ?? '')))
    .map(({ expires: _e, ...r }) => r);
  return {
    addr,
    route: routes,
    rule: JSON.parse(run('ip', ['-j', 'rule'])),
    netns: run('ip', ['netns', 'list']),
    nft: firewallText(run('nft', ['list', 'ruleset']), subnets),
    iptables: firewallText(run('iptables-save', []), subnets),
  };
}
