/** doctor's kernel line: what it says about other backends must hold for every Vagrant provider. */
import { describe, expect, it } from 'vitest';
import { kernelCheck } from '../../../src/sandbox/doctor/docker-checks.js';

const all = { veth: true, bridge: true, vxlan: true, netem: true };

describe('doctor kernel check', () => {
  it('all features: ok, no hint', () => {
    expect(kernelCheck(all)).toMatchObject({ status: 'ok', detail: 'has veth bridge vxlan netem' });
  });

  it.each([
    ['a missing optional feature (warn)', { ...all, vxlan: false }, 'warn'],
    ['a missing essential one (fail)', { ...all, veth: false }, 'fail'],
  ])('%s: only a Vagrant VM provider is said to bring its own kernel; its docker provider shares this one', (_, features, status) => {
    const c = kernelCheck(features);
    expect(c.status).toBe(status);
    // Was: "`--backend vagrant` has its own kernel with all of them", false under the docker provider.
    expect(c.hint).not.toMatch(/--backend vagrant` (has|brings) its own kernel/);
    expect(c.hint).toContain('`--backend vagrant` with a VM provider (VirtualBox, libvirt) brings its own kernel');
    expect(c.hint).toContain('with its docker provider it shares this one');
  });
});
