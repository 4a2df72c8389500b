import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTALL_RC, InShellDecoder, RC_PATH, rcFile } from '../../src/runner/in-shell.js';
import type { DockerSandbox } from '../../src/sandbox/docker/docker-sandbox.js';
import { sh, startSandbox } from '../helpers/sandbox.js';

const TOKEN = 'tok123';
const seq = (cmd: string, args = '') => `\x1b]7770;${TOKEN};${cmd};${args}\x07`;

describe('in-shell sequence decoder', () => {
  const text = `before ${seq('check')}middle \x1b]0;title\x07 ${seq('solution', '--apply')}after`;

  it('cuts every command out and passes all other bytes, however the stream is split', () => {
    const bytes = Buffer.from(text);
    for (let a = 0; a <= bytes.length; a++) {
      for (const b of [a, Math.min(bytes.length, a + 3), bytes.length]) {
        const d = new InShellDecoder(TOKEN);
        const parts = [bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)].map((c) => d.push(Buffer.from(c)));
        expect(Buffer.concat(parts.map((p) => p.output)).toString(), `split at ${a}/${b}`).toBe('before middle \x1b]0;title\x07 after');
        expect(parts.flatMap((p) => p.commands)).toEqual([
          { name: 'check', args: [] },
          { name: 'solution', args: ['--apply'] },
        ]);
      }
    }
  });

  it('ignores sequences with another token or an unknown command', () => {
    const d = new InShellDecoder(TOKEN);
    const other = '\x1b]7770;other;check;\x07';
    const r = d.push(Buffer.from(`${other}${seq('rm-rf')}x`));
    expect(r.commands).toEqual([]);
    expect(r.output.toString()).toBe(`${other}x`);
  });

  it('holds back a trailing escape only until the next chunk shows it is not ours', () => {
    const d = new InShellDecoder(TOKEN);
    expect(d.push(Buffer.from('abc\x1b')).output.toString()).toBe('abc');
    expect(d.push(Buffer.from('[1mbold')).output.toString()).toBe('\x1b[1mbold');
  });
});

describe('rc file in a real sandbox', () => {
  let sandbox: DockerSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox('in-shell');
    const r = await sandbox.exec(INSTALL_RC, { stdin: rcFile(TOKEN) });
    expect(r.exitCode).toBe(0);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('defines every command; each prints its sequence and returns the status it is answered with', async () => {
    const out = await sh(sandbox, `bash -c '. ${RC_PATH} >/dev/null 2>&1; type check hint solution next step reset progress quit >/dev/null && echo defined'`);
    expect(out.trim()).toBe('defined');
    const r = await sandbox.exec(`bash -c '. ${RC_PATH} >/dev/null 2>&1; solution --apply now; echo "status=$?"'`, { stdin: '3\n' });
    expect(r.stdout).toBe(`${seq('solution', '--apply now')}status=3\n`);
  });
});
