// `npm run bench`: every benchmark, each against a floor measured in the same run; prints each script's
// table (their stderr) and a summary, and writes bench/results.json (or --out FILE).
// `--quick` (CI) takes fewer samples. A script that fails is reported and the others still run.
// Contract for a bench script: with `--json`, its LAST stdout line is one JSON object; tables go to stderr.
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outAt = args.indexOf('--out');
const outFile = outAt >= 0 ? path.resolve(args[outAt + 1]) : path.join(here, 'results.json');
// `--only a,b` runs a subset (e.g. while working on one script).
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1].split(',') : undefined;
const SCRIPTS = ['cold-start.mjs', 'sandbox-ready.mjs', 'check-latency.mjs', 'verify-jobs.mjs', 'vagrant-exec.mjs', 'runner-flow.mjs'];

function runScript(file) {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [file, '--json', ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
    child.stderr.pipe(process.stderr);
  });
}

const results = { date: new Date().toISOString(), quick, node: process.version, scripts: {} };
let failed = 0;
for (const script of SCRIPTS) {
  const file = path.join(here, script);
  if (only && !only.some((o) => script.startsWith(o))) continue;
  if (!existsSync(file)) {
    results.scripts[script] = 'missing';
    continue;
  }
  const t0 = Date.now();
  try {
    const out = await runScript(file);
    const last = out.trim().split('\n').at(-1);
    Object.assign(results, JSON.parse(last));
    results.scripts[script] = `ok in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
  } catch (err) {
    failed++;
    results.scripts[script] = `failed: ${String(err.message).split('\n')[0]}`;
    console.error(`${script} failed: ${String(err.message).split('\n')[0]}`);
  }
}

/** One line per measured figure: summaries (median/min/max) and ratios, whatever the script named them. */
function summaryRows(value, prefix, rows) {
  if (value && typeof value === 'object' && 'median' in value) {
    rows.push([prefix, `${value.median} ms (${value.min}–${value.max}), ${value.runs} runs`]);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) summaryRows(v, prefix ? `${prefix}.${k}` : k, rows);
  } else if (typeof value === 'number') {
    rows.push([prefix, String(value)]);
  }
  return rows;
}
const { date, quick: _q, node, scripts, ...figures } = results;
const rows = summaryRows(figures, '', []);
console.log(`\nSummary (${quick ? 'quick' : 'full'} run, ${node}, ${date})`);
const width = Math.max(0, ...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
for (const [s, state] of Object.entries(scripts)) console.log(`  ${s}: ${state}`);
writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote ${path.relative(process.cwd(), outFile)}`);
process.exitCode = failed ? 1 : 0;
