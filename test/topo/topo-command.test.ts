/**
 * `netlessons topo` through the CLI: it finds the session's sandbox through the session store and the
 * backend's attach, and prints JSON, DOT or the diagram; no session, a gone sandbox and a bad format are
 * user errors with hints.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSession, type SessionRecord } from '../../src/runner/session-store.js';
import { DockerBackend, newSessionId } from '../../src/sandbox/docker/docker-backend.js';
import type { DockerSandbox } from '../../src/sandbox/docker/docker-sandbox.js';
import type { Topology } from '../../src/topo/index.js';
import { sh } from '../helpers/sandbox.js';
import { netlessons } from '../teachers/run-cli.js';

let home: string;
let sandbox: DockerSandbox;
const id = newSessionId();

function record(sessionId: string): SessionRecord {
  return { id: sessionId, backend: 'docker', lessonId: 'veth-pairs', lessonsDir: '/nowhere', course: 'bundled', step: 1, passed: false, hintsShown: 0, created: new Date().toISOString() };
}

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'nl-topo-'));
  process.env.NETLESSONS_HOME = home;
  sandbox = await new DockerBackend().start({ sessionId: id, lessonId: 'veth-pairs' });
  await sh(sandbox, 'ip netns add red && ip link add veth-red type veth peer name eth0 netns red && ip netns exec red ip addr add 10.0.0.1/24 dev eth0');
  await saveSession(record(id));
});

afterAll(async () => {
  await sandbox?.stop();
  delete process.env.NETLESSONS_HOME;
  await rm(home, { recursive: true, force: true });
});

describe('netlessons topo', () => {
  it('prints the session sandbox as JSON (--format json and --json alike)', async () => {
    const r = await netlessons(['topo', '--format', 'json', '--session', id], { home });
    expect(r.exitCode, r.stderr).toBe(0);
    const topo = JSON.parse(r.stdout) as Topology;
    expect(topo.namespaces.map((n) => n.name)).toEqual(['sandbox', 'red']);
    expect(topo.cables).toEqual([{ kind: 'veth', ends: [{ namespace: 'sandbox', link: 'veth-red' }, { namespace: 'red', link: 'eth0' }] }]);
    const alias = await netlessons(['topo', '--json'], { home });
    expect(JSON.parse(alias.stdout)).toEqual(topo);
  });

  it('prints DOT and, by default, the box diagram', async () => {
    const dot = await netlessons(['topo', '--format', 'dot'], { home });
    expect(dot.stdout).toMatch(/^graph topology \{/);
    expect(dot.stdout).toContain('"sandbox/veth-red" -- "red/eth0"');
    const text = await netlessons(['topo'], { home });
    expect(text.stdout).toContain('╭─ red');
    expect(text.stdout).toMatch(/eth0\s+veth\s+DOWN\s+\S+\s+10\.0\.0\.1\/24\s+══ sandbox:veth-red/);
    expect(text.stdout).toContain('2 namespaces · 1 veth cable · 0 bridges');
  });

  it('refuses an unknown format as a usage error', async () => {
    const r = await netlessons(['topo', '--format', 'svg'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('expected one of text, dot, json.');
  });

  it('says so, with a next step, when there is no session or its sandbox is gone', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'nl-topo-empty-'));
    try {
      const none = await netlessons(['topo'], { home: empty });
      expect(none.exitCode).toBe(1);
      expect(none.stderr).toBe('error: No netlessons session is running.\nhint: Start one with `netlessons start LESSON --detach` (or `netlessons start` for the interactive flow).');
      process.env.NETLESSONS_HOME = empty;
      await saveSession(record('deadbeef0000'));
      const gone = await netlessons(['topo'], { home: empty });
      expect(gone.exitCode).toBe(1);
      expect(gone.stderr).toContain('error: The sandbox of session deadbeef0000 (veth-pairs) is gone, so there is no network to draw.');
      expect(gone.stderr).toContain('hint: `netlessons reset` starts a fresh one');
    } finally {
      process.env.NETLESSONS_HOME = home;
      await rm(empty, { recursive: true, force: true });
    }
  });
});
