/** probeKernelFeatures against a real sandbox: it reports, and it leaves nothing behind. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KERNEL_PROBES, probeKernelFeatures } from '../../../src/sandbox/doctor/kernel-features.js';
import type { DockerSandbox } from '../../../src/sandbox/docker/docker-sandbox.js';
import { startSandbox } from '../../helpers/sandbox.js';

let sandbox: DockerSandbox;
beforeAll(async () => {
  sandbox = await startSandbox('kernel-features');
});
afterAll(async () => {
  await sandbox?.stop();
});

describe('probeKernelFeatures', () => {
  it('reports every probed feature as a boolean, veth and bridge present on any usable kernel', async () => {
    const features = await probeKernelFeatures((c) => sandbox.exec(c));
    expect(Object.keys(features).sort()).toEqual(Object.keys(KERNEL_PROBES).sort());
    for (const v of Object.values(features)) expect(typeof v).toBe('boolean');
    expect(features.veth).toBe(true);
    expect(features.bridge).toBe(true);
    expect(features.nftables).toBe(true);
  });

  it('agrees with a direct attempt: dummy is reported exactly when `ip link add type dummy` works', async () => {
    const features = await probeKernelFeatures((c) => sandbox.exec(c));
    const direct = await sandbox.exec('ip netns add d1 && ip netns exec d1 ip link add x type dummy; rc=$?; ip netns del d1; exit $rc');
    expect(features.dummy).toBe(direct.exitCode === 0);
  });

  it('leaves no namespace, link, qdisc or nft table behind in the sandbox it probed', async () => {
    const state = 'ip netns list; ip -br link; tc qdisc show; nft list ruleset; iptables -t nat -S';
    const before = (await sandbox.exec(state)).stdout;
    await probeKernelFeatures((c) => sandbox.exec(c));
    expect((await sandbox.exec(state)).stdout).toBe(before);
  });
});
