// CLI cold start: `netlessons --help` and `netlessons list` against the floor of starting node at all.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, measure, ratio, report } from './lib.mjs';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'main.js');
const run = (args) => () => execFileSync(process.execPath, args, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });

const floor = await measure(run(['-e', '0']));
const help = await measure(run([cli, '--help']));
const list = await measure(run([cli, 'list']));
report(
  'CLI cold start (floor: node -e 0)',
  [
    ['command', 'median (min–max)', 'ratio'],
    ['node -e 0', fmt(floor), '1.00'],
    ['netlessons --help', fmt(help), ratio(help, floor).toFixed(2)],
    ['netlessons list', fmt(list), ratio(list, floor).toFixed(2)],
  ],
  { coldStart: { floor, help, list, helpRatio: ratio(help, floor), listRatio: ratio(list, floor) } },
);
