import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseAssertion, type Assertion } from '../../src/lessons/assertions.js';
import { planSnapshot } from '../../src/checks/snapshot-script.js';
import { parseSnapshot } from '../../src/checks/snapshot.js';
import { evaluateAssertion } from '../../src/checks/evaluate/index.js';
import { CheckError } from '../../src/errors.js';

// A snapshot captured from a real sandbox by the script planned for these assertions.
const fixture = (name: string) => readFileSync(new URL(`../fixtures/checks/${name}`, import.meta.url), 'utf8');
const assertions: Assertion[] = (parse(fixture('snapshot-assertions.yaml')) as unknown[]).map((raw, i) => {
  const p = parseAssertion(raw, { file: 'snapshot-assertions.yaml', line: i + 2, col: 1 });
  if (!p.ok) throw new Error('bad fixture');
  return p.assertion;
});
const output = fixture('snapshot-output.txt');
const plan = () => ({ ...planSnapshot(assertions), boundary: '@@nl-fixture' });

describe('parseSnapshot', () => {
  it('reads every namespace, its links, addresses and nsids, and the text sections', () => {
    const snap = parseSnapshot(output, plan());
    expect([...snap.namespaces.keys()]).toEqual(['', 'red']);
    const root = snap.namespaces.get('')!;
    expect(root.ip.ok && root.ip.value.links.find((l) => l.name === 'vh')?.addrs[0]).toMatchObject({ local: '10.0.0.2', prefixlen: 24 });
    expect(root.sysctls).toEqual({ ok: true, value: new Map([['/proc/sys/net/ipv4/ip_forward', '1']]) });
    expect(root.sockets).toEqual({ ok: true, value: [] });
    expect(snap.jobs.get(6)).toEqual({ rc: 0, stdout: 'hostname-x\n', stderr: '' });
  });
  it('resolves a veth peer in another namespace from the captured state', () => {
    const snap = parseSnapshot(output, plan());
    expect(evaluateAssertion(assertions[0]!, 0, snap)).toMatchObject({ ok: true, actual: 'netns red, peer vh in default' });
  });
  it('throws a CheckError when the document was cut short', () => {
    const cut = output.slice(0, output.indexOf('@@nl-fixture end'));
    expect(() => parseSnapshot(cut, plan())).toThrow(CheckError);
  });
  it('keeps a missing tool as a section problem that only its assertions turn into a CheckError', () => {
    const noNft = output.replace(/(@@nl-fixture nft \n)[\s\S]*?(\n@@nl-fixture\.rc )0/, '$1$2127');
    const snap = parseSnapshot(noNft, plan());
    expect(evaluateAssertion(assertions[1]!, 1, snap).ok).toBe(false); // route default: judged normally
    expect(() => evaluateAssertion(assertions[4]!, 4, snap)).toThrow('Cannot check `nft filter` (snapshot-assertions.yaml:6): nft is not installed in the sandbox.');
  });
});
