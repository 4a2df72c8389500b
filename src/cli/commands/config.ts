/**
 * `netlessons config set|get|unset|list`: the learner's settings, stored beside their progress. Today one:
 * `name`, which `progress export` puts in the record a teacher collects.
 */
import type { Command } from 'commander';
import { withDebug, withJson, type CommonOptions } from '../common.js';
import { printJson } from '../output.js';
import { NotFoundError } from '../../errors.js';

const store = () => import('../../runner/config-store.js');

export function configCommand(program: Command): void {
  const config = withDebug(program.command('config').description('Read or set settings (e.g. your name for class reports)'))
    .addHelpText('after', '\nSettings:\n  name   your name, as `netlessons progress export` records it\n\nExample:\n  netlessons config set name "Ada Lovelace"')
    .allowUnknownOption(false);

  withDebug(config.command('set').description('Set a setting').argument('<key>', 'setting name (e.g. name)').argument('<value>', 'its value')).action(
    async (key: string, value: string) => {
      const stored = await (await store()).setConfig(key, value);
      process.stdout.write(`${key} = ${stored}\n`);
    },
  );

  withJson(withDebug(config.command('get').description('Print a setting').argument('<key>', 'setting name'))).action(async (key: string, opts: CommonOptions) => {
    const value = await (await store()).getConfig(key);
    if (opts.json) return printJson({ [key]: value ?? null });
    if (value === undefined) throw new NotFoundError(`\`${key}\` is not set.`, { hint: `Set it with \`netlessons config set ${key} VALUE\`.` });
    process.stdout.write(`${value}\n`);
  });

  withDebug(config.command('unset').description('Forget a setting').argument('<key>', 'setting name')).action(async (key: string) => {
    const removed = await (await store()).unsetConfig(key);
    process.stdout.write(removed ? `${key} unset\n` : `${key} was not set\n`);
  });

  withJson(withDebug(config.command('list').description('List every setting and its value'))).action(async (opts: CommonOptions) => {
    const { CONFIG_KEYS, loadConfig, configFile } = await store();
    const values = await loadConfig();
    if (opts.json) return printJson({ file: configFile(), settings: Object.fromEntries(Object.keys(CONFIG_KEYS).map((k) => [k, values[k as keyof typeof values] ?? null])) });
    const width = Math.max(...Object.keys(CONFIG_KEYS).map((k) => k.length));
    for (const [k, meta] of Object.entries(CONFIG_KEYS)) {
      const v = values[k as keyof typeof values];
      process.stdout.write(`${k.padEnd(width)}  ${v ?? '(not set)'}    # ${meta.description}\n`);
    }
  });
}
