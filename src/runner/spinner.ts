/**
 * Progress for slow work (image build, sandbox start, replay). Deliberately not clack's spinner: that
 * one puts the terminal in raw mode and turns Ctrl-C into `process.exit(0)`, which would skip removing
 * the sandbox. Here Ctrl-C stays a SIGINT. Animated on a TTY, one plain line per message otherwise.
 */
import { isInterrupted } from '../interrupted.js';

export interface Spinner {
  message(text: string): void;
  stop(final?: string): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function startSpinner(text: string, stream: NodeJS.WriteStream = process.stderr): Spinner {
  const tty = Boolean(stream.isTTY) && !process.env.CI && process.env.TERM !== 'dumb';
  const write = (s: string) => {
    try {
      stream.write(s);
    } catch {
      // Terminal closed under us.
    }
  };
  let current = text;
  const started = Date.now();
  if (!tty) {
    write(`${text}…\n`);
    return {
      message: (t) => {
        if (t !== current) write(`  ${t}\n`);
        current = t;
      },
      stop: (final) => {
        if (final) write(`${final}\n`);
      },
    };
  }
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    // A signal is ending the program: its clean-up message owns the line now.
    if (isInterrupted()) {
      clearInterval(timer);
      // stop() may never run (the clean-up exits the process): give the cursor back here.
      return write('\x1b[?25h');
    }
    const secs = Math.floor((Date.now() - started) / 1000);
    const line = `${FRAMES[frame++ % FRAMES.length]} ${current}${secs >= 2 ? ` (${secs}s)` : ''}`;
    write(`\r\x1b[2K${line.slice(0, Math.max(20, (stream.columns ?? 80) - 1))}`);
  };
  write('\x1b[?25l');
  draw();
  timer = setInterval(draw, 100);
  return {
    message: (t) => {
      current = t;
    },
    stop: (final) => {
      clearInterval(timer);
      write(`\r\x1b[2K${final ? `${final}\n` : ''}\x1b[?25h`);
    },
  };
}
