/** Run the CLI from source (tsx), so these tests never see a stale dist/. Colour off, a private state dir. */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa, type Options } from 'execa';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'src/cli/main.ts');
// By URL, so the CLI can run in any working directory (a bare `tsx` resolves from the cwd).
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export async function netlessons(args: string[], opts: { home: string; cwd?: string; env?: Record<string, string>; input?: string } ) {
  const options: Options = {
    reject: false,
    cwd: opts.cwd ?? ROOT,
    env: { NO_COLOR: '1', NETLESSONS_HOME: opts.home, ...opts.env },
    extendEnv: true,
    input: opts.input ?? '',
  };
  const r = await execa('node', ['--import', TSX, MAIN, ...args], options);
  return { exitCode: r.exitCode ?? 1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A MAC address changes every run; snapshots keep its shape. */
export function normaliseMacs(text: string): string {
  return text.replace(/\b(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\b/gi, 'xx:xx:xx:xx:xx:xx');
}
