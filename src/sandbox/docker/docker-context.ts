/**
 * Which engine to talk to, the way the docker CLI decides: DOCKER_HOST, else the current Docker context
 * (DOCKER_CONTEXT, else `currentContext` in ~/.docker/config.json: Colima, Docker Desktop on Linux and
 * rootless Docker set one), else the default socket. docker-modem reads only DOCKER_HOST, so a context's
 * endpoint is handed to it explicitly.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export interface EngineEndpoint {
  /** unix:///…, tcp://…, ssh://… */
  host: string;
  /** Where the choice came from, for messages: `DOCKER_HOST`, `context colima`, `default socket`. */
  source: string;
}

const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function resolveEndpoint(env: NodeJS.ProcessEnv = process.env): EngineEndpoint {
  if (env.DOCKER_HOST) return { host: env.DOCKER_HOST, source: 'DOCKER_HOST' };
  const configDir = env.DOCKER_CONFIG || path.join(homedir(), '.docker');
  const context = env.DOCKER_CONTEXT || (readJson(path.join(configDir, 'config.json'))?.currentContext as string | undefined);
  if (context && context !== 'default') {
    // The CLI stores each context under the sha256 of its name.
    const id = createHash('sha256').update(context).digest('hex');
    const meta = readJson(path.join(configDir, 'contexts', 'meta', id, 'meta.json')) as { Endpoints?: { docker?: { Host?: string } } } | undefined;
    const host = meta?.Endpoints?.docker?.Host;
    if (host) return { host, source: `context ${context}` };
  }
  return { host: DEFAULT_SOCKET, source: 'default socket' };
}

/** dockerode's constructor options for an endpoint (TLS material still comes from DOCKER_CERT_PATH). */
export function modemOptions(endpoint: EngineEndpoint): Record<string, unknown> | undefined {
  if (endpoint.source === 'DOCKER_HOST') return undefined; // docker-modem parses it itself, TLS included
  const url = new URL(endpoint.host);
  if (url.protocol === 'unix:') return { socketPath: url.pathname };
  if (url.protocol === 'ssh:') {
    return { protocol: 'ssh', host: url.hostname, port: url.port || 22, username: url.username || undefined, sshOptions: { agent: process.env.SSH_AUTH_SOCK } };
  }
  return { protocol: url.protocol === 'https:' ? 'https' : 'http', host: url.hostname, port: url.port || 2375 };
}
