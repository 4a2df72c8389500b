/** `netlessons image build|status`: the sandbox image, tagged by a hash of vm/. */
import { Command } from 'commander';
import { withDebug, withJson } from '../common.js';
import { printJson } from '../output.js';

interface BuildFlags {
  offline?: boolean;
  online?: boolean;
  force?: boolean;
  json?: boolean;
}

export function imageCommand(program: Command): void {
  const image = program.command('image').description('Build or inspect the sandbox image');
  withJson(
    withDebug(
      image
        .command('build')
        .description('Build the sandbox image (unless this version of it exists)')
        .option('--offline', 'build without Docker Hub: debootstrap a base from a Debian mirror (Linux, root)')
        .option('--online', 'build from Docker Hub’s debian:bookworm-slim')
        .option('--force', 'rebuild even if the image exists (with --offline, the base too)'),
    ),
  ).action(async (flags: BuildFlags) => {
    process.exitCode = await build(flags);
  });
  withJson(withDebug(image.command('status').description('Show the image tag this version uses, and whether the engine has it'))).action(
    async (flags: { json?: boolean }) => {
      process.exitCode = await status(flags);
    },
  );
  withDebug(image);
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;

async function status(flags: { json?: boolean }): Promise<number> {
  const { imageStatus } = await import('../../sandbox/image.js');
  const s = await imageStatus();
  if (flags.json) printJson(s);
  else if (s.present) process.stdout.write(`${s.tag}: present, ${mb(s.sizeBytes ?? 0)}, built ${s.created ?? '?'}\n`);
  else process.stdout.write(`${s.tag}: not built. \`netlessons image build\` builds it (\`start\` would, first).\n`);
  return 0;
}

/**
 * Progress: clack's spinner with the current phase on a TTY, one plain line per phase otherwise.
 * clack turns Ctrl-C into process.exit(0) while it holds the terminal; an interrupted build must not
 * look like a success, so a key listener ahead of clack's marks it and the exit code becomes 130.
 */
async function progressDisplay(json: boolean): Promise<{ line(l: string): void; done(msg: string): void; fail(): void }> {
  const tty = Boolean(process.stderr.isTTY && process.stdin.isTTY) && !process.env.CI && process.env.TERM !== 'dumb';
  if (!tty) {
    return {
      line: (l) => process.stderr.write(`image: ${l}\n`),
      done: (msg) => {
        if (!json) process.stderr.write(`image: ${msg}\n`);
      },
      fail: () => {},
    };
  }
  const { spinner } = await import('@clack/prompts');
  let interrupted = false;
  const onKey = (_s: unknown, key?: { ctrl?: boolean; name?: string }) => {
    if (key?.ctrl && key.name === 'c') interrupted = true;
  };
  const onExit = () => {
    if (interrupted) process.exitCode = 130;
  };
  process.stdin.prependListener('keypress', onKey);
  process.on('exit', onExit);
  const s = spinner({ output: process.stderr });
  s.start('Building the sandbox image');
  const cleanup = () => {
    process.stdin.off('keypress', onKey);
    process.off('exit', onExit);
  };
  return {
    line: (l) => s.message(l.length > 100 ? l.slice(0, 97) + '...' : l),
    done: (msg) => {
      s.stop(msg);
      cleanup();
    },
    fail: () => {
      s.error('Image build failed');
      cleanup();
    },
  };
}

async function build(flags: BuildFlags): Promise<number> {
  const { UsageError } = await import('../../errors.js');
  if (flags.offline && flags.online) throw new UsageError('Choose one of --offline and --online.', 'Without either, netlessons picks: online when the engine has debian:bookworm-slim, else offline when it can.');
  const { ensureImage } = await import('../../sandbox/image.js');
  const show = await progressDisplay(Boolean(flags.json));
  const t0 = Date.now();
  let result;
  try {
    result = await ensureImage({ mode: flags.offline ? 'offline' : flags.online ? 'online' : 'auto', force: flags.force, onProgress: show.line });
  } catch (err) {
    show.fail();
    throw err;
  }
  const seconds = Math.round((Date.now() - t0) / 100) / 10;
  show.done(result.built ? `Built ${result.tag} (${result.mode}) in ${seconds} s` : `${result.tag} is already built (--force rebuilds it)`);
  if (flags.json) printJson({ tag: result.tag, built: result.built, mode: result.mode ?? null, seconds });
  else if (!process.stderr.isTTY) process.stdout.write(`${result.tag}\n`);
  return 0;
}
