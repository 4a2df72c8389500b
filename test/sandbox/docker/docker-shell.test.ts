/**
 * The learner's shell, on a real terminal: tmux runs test/fixtures/shell-session.mjs, we type with
 * send-keys and read the screen with capture-pane.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { containersOf, requireBuild, ROOT, waitFor } from '../hold-sandbox.js';

// A private server that outlives its sessions: with the default one, killing a test's only session
// makes the server exit while the next test's new-session reaches it ("server exited unexpectedly").
const SOCKET = `nl-shell-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
let session: string | undefined;

function open(extraEnv = 'NO_COLOR=1'): string {
  session = `nltest-${process.pid}-${Date.now().toString(36)}`;
  // After the fixture: its exit status and the terminal's mode, then wait to be read.
  const cmd = `cd ${ROOT} && env ${extraEnv} node test/fixtures/shell-session.mjs --type; echo FIXTURE-EXIT=$?; stty -a | grep -o -- '-\\?icanon' | sed 's/^/MODE=/'; sleep 600`;
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', cmd);
  return session;
}
const screen = () => tmux('capture-pane', '-p', '-J', '-t', session!, '-S', '-200');
const keys = (...k: string[]) => tmux('send-keys', '-t', session!, ...k);
async function see(re: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  let m: RegExpMatchArray | null = null;
  await waitFor(async () => (m = screen().match(re)) !== null, timeoutMs, 100).catch(() => {
    throw new Error(`never saw ${re} on the screen:\n${screen()}`);
  });
  return m!;
}
const sessionId = async () => (await see(/session (t[0-9a-f]+)/))[1]!;

beforeAll(() => {
  requireBuild();
  tmux('start-server', ';', 'set-option', '-g', 'exit-empty', 'off');
});
afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
});
afterEach(() => {
  if (session) tmux('kill-session', '-t', session);
  session = undefined;
});

describe('sandbox shell on a terminal', () => {
  it('prompts with the lesson and hostname; Ctrl-C reaches the shell; resizes follow; onAttach types; exit code and terminal come back', async () => {
    open();
    const id = await sessionId();
    await see(/^\[shell-demo\] root@netlessons:\/# /m);
    await see(/^typed-by-onAttach$/m);

    keys('sleep 100', 'Enter');
    await new Promise((r) => setTimeout(r, 500));
    keys('C-c');
    keys('echo "rc=$?"', 'Enter');
    await see(/^rc=130$/m, 10_000);

    keys('stty size', 'Enter');
    await see(/^40 120$/m);
    tmux('resize-window', '-t', session!, '-x', '100', '-y', '30');
    await new Promise((r) => setTimeout(r, 300));
    keys('clear; stty size', 'Enter');
    await see(/^30 100$/m);

    keys('ip netns add red && ip netns exec red bash', 'Enter');
    await see(/^\[shell-demo\] root@netlessons \(netns red\):\/# /m);
    keys('C-d');
    await new Promise((r) => setTimeout(r, 300));
    keys('exit 3', 'Enter');
    await see(/shell exited 3 after \d+ bytes; raw=false/);
    await see(/^FIXTURE-EXIT=0$/m);
    expect((await see(/^MODE=(-?icanon)$/m))[1]).toBe('icanon');
    expect(await containersOf(id)).toBe(0);
  });

  it('Ctrl-D at the prompt ends the shell with 0', async () => {
    open();
    await sessionId();
    await see(/^\[shell-demo\] root@netlessons:\/# /m);
    keys('C-d');
    await see(/shell exited 0 after/);
  });

  it('SIGTERM while the shell is open: sandbox removed, exit 143, terminal back in canonical mode', async () => {
    open();
    const id = await sessionId();
    await see(/^\[shell-demo\] root@netlessons:\/# /m);
    // Only ours: the node process whose parent is the shell of the pane we made.
    const panePid = tmux('display-message', '-p', '-t', session!, '#{pane_pid}').trim();
    const pid = Number(execFileSync('pgrep', ['-P', panePid, '-f', 'shell-session.mjs'], { encoding: 'utf8' }).trim());
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGTERM');
    await see(/^FIXTURE-EXIT=143$/m);
    expect((await see(/^MODE=(-?icanon)$/m))[1]).toBe('icanon');
    expect(await containersOf(id)).toBe(0);
  });

  it('in colour without NO_COLOR: the prompt is coloured', async () => {
    open('TERM=xterm-256color');
    await sessionId();
    await see(/root@netlessons:\/# /m);
    const coloured = tmux('capture-pane', '-p', '-e', '-t', session!);
    // tmux re-encodes attributes (bold, then cyan) as it likes: look for cyan right before the lesson.
    expect(coloured).toMatch(/(\x1b\[[0-9;]*m)*\x1b\[(1;)?36m\[shell-demo\]/);
    keys('C-d');
    await see(/shell exited 0/);
  });
});
