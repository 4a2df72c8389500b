/** One assertion against a snapshot: dispatch by kind. */
import type { Assertion } from '../../lessons/assertions.js';
import type { KernelSnapshot } from '../snapshot.js';
import type { Verdict } from '../diagnose.js';
import { evaluateLink, evaluateNetns } from './links.js';
import { evaluateAddr, evaluateNeigh } from './addresses.js';
import { evaluateRoute, evaluateRule } from './routes.js';
import { evaluateListen } from './sockets.js';
import { evaluateIptables, evaluateNft } from './firewall.js';
import { evaluateConnect, evaluatePing } from './probes.js';
import { evaluateCmd, evaluateFile, evaluateSysctl } from './misc.js';

/** `index` is the assertion's position in the set the snapshot was planned for (probes are keyed by it). */
export function evaluateAssertion(a: Assertion, index: number, snap: KernelSnapshot): Verdict {
  switch (a.kind) {
    case 'netns':
      return evaluateNetns(a, snap);
    case 'link':
      return evaluateLink(a, snap);
    case 'addr':
      return evaluateAddr(a, snap);
    case 'neigh':
      return evaluateNeigh(a, snap);
    case 'route':
      return evaluateRoute(a, snap);
    case 'rule':
      return evaluateRule(a, snap);
    case 'listen':
      return evaluateListen(a, snap);
    case 'sysctl':
      return evaluateSysctl(a, snap);
    case 'nft':
      return evaluateNft(a, snap);
    case 'iptables':
      return evaluateIptables(a, snap);
    case 'ping':
      return evaluatePing(a, index, snap);
    case 'connect':
      return evaluateConnect(a, index, snap);
    case 'file':
      return evaluateFile(a, index, snap);
    case 'cmd':
      return evaluateCmd(a, index, snap);
  }
}
