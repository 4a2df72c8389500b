/**
 * The in-shell commands (`check`, `hint`, …): bash functions in an rc file that print a private OSC
 * sequence and wait, silently, for a one-line reply on the TTY. The runner owns the TTY stream: it cuts
 * the sequence out (even split across chunks), does the work, and types the exit status back. This
 * works the same over `docker exec` and over ssh, with no mounts and no network in the sandbox.
 */
import { randomBytes } from 'node:crypto';

export const IN_SHELL_COMMANDS = ['check', 'hint', 'solution', 'next', 'step', 'reset', 'progress', 'quit'] as const;
export type InShellName = (typeof IN_SHELL_COMMANDS)[number];

export interface InShellCommand {
  name: InShellName;
  args: string[];
}

export const RC_PATH = '/etc/netlessons/rc';
const OSC_ID = '7770';
const BEL = 0x07;

export function newToken(): string {
  return randomBytes(8).toString('hex');
}

/** The rc file: the profile (for the prompt), then one function per command. `token` keeps programs that print our prefix by accident from triggering commands. */
export function rcFile(token: string): string {
  const fns = IN_SHELL_COMMANDS.map((c) => `${c}() { __netlessons ${c} "$@"; }`);
  return [
    '# netlessons: the in-shell commands. Each asks the netlessons program outside the sandbox and waits for its answer.',
    '[ -r /etc/profile ] && . /etc/profile',
    '[ -r ~/.bashrc ] && . ~/.bashrc',
    '[ -r /etc/profile.d/netlessons.sh ] && . /etc/profile.d/netlessons.sh',
    '__netlessons() {',
    '  local cmd=$1 reply; shift',
    // Echo off before asking: the answer may arrive before `read` starts, and must not show.
    '  stty -echo 2>/dev/null',
    `  printf '\\033]${OSC_ID};${token};%s;%s\\007' "$cmd" "$*"`,
    '  IFS= read -r reply',
    '  stty echo 2>/dev/null',
    '  return "${reply:-1}"',
    '}',
    ...fns,
    '',
  ].join('\n');
}

/** Shell command that installs the rc file (sent with the rc as stdin). */
export const INSTALL_RC = `mkdir -p ${RC_PATH.replace(/\/[^/]+$/, '')} && cat > ${RC_PATH}`;

/**
 * Cuts our sequences out of the shell's output. Bytes that might be the start of a sequence are held
 * back until the next chunk tells; everything else passes through untouched.
 */
export class InShellDecoder {
  private pending = Buffer.alloc(0);
  private readonly prefix: Buffer;

  constructor(token: string) {
    this.prefix = Buffer.from(`\x1b]${OSC_ID};${token};`);
  }

  push(chunk: Buffer): { output: Buffer; commands: InShellCommand[] } {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    const parts: Buffer[] = [];
    const commands: InShellCommand[] = [];
    for (;;) {
      const at = buf.indexOf(this.prefix);
      if (at < 0) {
        const keep = this.partialPrefixAtEnd(buf);
        parts.push(buf.subarray(0, buf.length - keep));
        this.pending = Buffer.from(buf.subarray(buf.length - keep));
        break;
      }
      const end = buf.indexOf(BEL, at + this.prefix.length);
      if (end < 0) {
        parts.push(buf.subarray(0, at));
        this.pending = Buffer.from(buf.subarray(at));
        break;
      }
      parts.push(buf.subarray(0, at));
      const body = buf.subarray(at + this.prefix.length, end).toString('utf8');
      const cut = body.indexOf(';');
      const name = (cut < 0 ? body : body.slice(0, cut)) as InShellName;
      const rest = cut < 0 ? '' : body.slice(cut + 1);
      if ((IN_SHELL_COMMANDS as readonly string[]).includes(name)) commands.push({ name, args: rest.split(/\s+/).filter(Boolean) });
      buf = buf.subarray(end + 1);
    }
    return { output: Buffer.concat(parts), commands };
  }

  /** How many bytes at the end of `buf` could begin our prefix. */
  private partialPrefixAtEnd(buf: Buffer): number {
    const max = Math.min(buf.length, this.prefix.length - 1);
    for (let n = max; n > 0; n--) {
      if (buf.subarray(buf.length - n).equals(this.prefix.subarray(0, n))) return n;
    }
    return 0;
  }
}
