/**
 * The learner's settings (today: the name class reports show), one small JSON file beside progress in
 * the state dir (NETLESSONS_HOME honoured), rewritten whole and atomically. An unreadable file reads as
 * empty with a warning: settings are never worth a crash.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { stateDir } from './state-dir.js';

export interface ConfigKey {
  description: string;
  /** Returns the value to store, or throws UsageError saying what is wrong. */
  validate(value: string): string;
}

export const CONFIG_KEYS = {
  name: {
    description: 'your name, as `progress export` records it for your teacher',
    validate(value: string): string {
      const v = value.trim().replace(/\s+/g, ' ');
      if (!v) throw new UsageError('A name cannot be empty.', 'Example: `netlessons config set name "Ada Lovelace"`.');
      if (v.length > 80 || /[\u0000-\u001f\u007f]/.test(v)) throw new UsageError('A name must be at most 80 printable characters.', 'Example: `netlessons config set name "Ada Lovelace"`.');
      return v;
    },
  },
} satisfies Record<string, ConfigKey>;

export type ConfigKeyName = keyof typeof CONFIG_KEYS;
const ConfigFile = z.object({ name: z.string().optional() });
export type Config = z.infer<typeof ConfigFile>;

export function configFile(): string {
  return path.join(stateDir(), 'config.json');
}

export function checkKey(key: string): ConfigKeyName {
  if (!Object.hasOwn(CONFIG_KEYS, key)) {
    throw new UsageError(`Unknown setting \`${key}\`.`, `Settings: ${Object.keys(CONFIG_KEYS).join(', ')}. \`netlessons config list\` shows them.`);
  }
  return key as ConfigKeyName;
}

export async function loadConfig(warn: (m: string) => void = (m) => process.stderr.write(`${m}\n`)): Promise<Config> {
  let text: string;
  try {
    text = await readFile(configFile(), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  try {
    const parsed = ConfigFile.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: not JSON
  }
  warn(`netlessons: ignoring ${configFile()}: it is not a settings file this version can read (\`netlessons config set\` rewrites it).`);
  return {};
}

async function saveConfig(config: Config): Promise<void> {
  await mkdir(stateDir(), { recursive: true });
  await writeFileAtomic(configFile(), JSON.stringify(config, null, 2) + '\n');
}

export async function setConfig(key: string, value: string): Promise<string> {
  const k = checkKey(key);
  const stored = CONFIG_KEYS[k].validate(value);
  const config = await loadConfig();
  config[k] = stored;
  await saveConfig(config);
  return stored;
}

export async function getConfig(key: string): Promise<string | undefined> {
  return (await loadConfig())[checkKey(key)];
}

export async function unsetConfig(key: string): Promise<boolean> {
  const k = checkKey(key);
  const config = await loadConfig();
  if (config[k] === undefined) return false;
  delete config[k];
  await saveConfig(config);
  return true;
}
