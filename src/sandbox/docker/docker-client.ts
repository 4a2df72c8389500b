/**
 * Every dockerode call lives here, so engine errors are mapped to user-facing ones in one place.
 * dockerode (docker-modem) honours DOCKER_HOST (unix, tcp, ssh), DOCKER_TLS_VERIFY and DOCKER_CERT_PATH; a Docker
 * context's endpoint is resolved in docker-context.ts.
 */
import Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { EngineError, ExecTimeoutError, ImageError, SandboxGoneError } from '../../errors.js';
import type { ExecResult } from '../sandbox.js';
import { modemOptions, resolveEndpoint } from './docker-context.js';

let shared: Docker | undefined;
export function dockerClient(): Docker {
  if (!shared) {
    const endpoint = resolveEndpoint();
    try {
      shared = new Docker(modemOptions(endpoint) as Docker.DockerOptions | undefined);
    } catch (err) {
      throw new EngineError(`The Docker engine address ${endpoint.host} (from ${endpoint.source}) is not one netlessons understands.`, {
        hint: 'Use unix:///path/to/docker.sock, tcp://host:2375 (2376 with TLS) or ssh://user@host.',
        cause: err,
      });
    }
  }
  return shared;
}

/** Where the engine is, for messages. */
export function engineAddress(): string {
  return resolveEndpoint().host;
}

/** Turn a dockerode/socket failure into something the learner can act on. */
export function engineError(err: unknown, doing: string): Error {
  const e = err as NodeJS.ErrnoException & { statusCode?: number; json?: { message?: string } };
  const msg = e?.json?.message ?? e?.message ?? String(err);
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOENT' || e?.code === 'ENOTFOUND' || e?.code === 'EHOSTUNREACH' || e?.code === 'ETIMEDOUT') {
    const local = resolveEndpoint().source === 'default socket';
    return new EngineError(
      local && (e.code === 'ENOENT' || e.code === 'ECONNREFUSED')
        ? `Docker is not running: nothing answers at ${engineAddress()} (${e.code}) while ${doing}.`
        : `Docker is not reachable at ${engineAddress()} (${e.code}) while ${doing}.`,
      {
        hint: process.env.DOCKER_HOST
          ? `Check that an engine listens at DOCKER_HOST=${process.env.DOCKER_HOST}, or unset DOCKER_HOST to use the local one.`
          : local
            ? 'Start Docker: open Docker Desktop, or run `sudo systemctl start docker`.'
            : `Start the engine of Docker context \`${resolveEndpoint().source.replace(/^context /, '')}\`, or switch context (\`docker context use default\`).`,
        cause: err,
      },
    );
  }
  if (e?.code === 'EACCES' || e?.code === 'EPERM') {
    return new EngineError(`Permission denied on the Docker socket (${engineAddress()}) while ${doing}.`, {
      hint: 'Add yourself to the docker group (`sudo usermod -aG docker $USER`, then log in again), or run with sudo.',
      cause: err,
    });
  }
  if (e?.statusCode === 404 && /no such image/i.test(msg)) {
    return new ImageError(`The sandbox image is missing (${msg}).`, { hint: 'Build it: `netlessons image build`.', cause: err });
  }
  if (e?.statusCode === 404 || e?.statusCode === 409) {
    return new SandboxGoneError(`The sandbox is gone (${msg}) while ${doing}.`, {
      hint: 'Start again with `netlessons start`: your progress is saved and the lesson resumes at your step.',
      cause: err,
    });
  }
  return new EngineError(`Docker failed while ${doing}: ${msg}`, { hint: 'Run `netlessons doctor` to see what is wrong.', cause: err });
}

export async function call<T>(doing: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw engineError(err, doing);
  }
}

/**
 * Run `bash -c command` in a container; stdout and stderr demultiplexed, the real exit code.
 * The time limit is enforced inside the container by coreutils `timeout` (it kills the command's whole
 * process group; the Docker API has no way to kill an exec), with a client-side backstop.
 */
export async function execInContainer(
  container: Docker.Container,
  command: string,
  opts: { stdin?: string; timeoutMs?: number; env?: string[] } = {},
): Promise<ExecResult> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const secs = Math.max(1, Math.ceil(timeoutMs / 1000));
  const hasStdin = opts.stdin !== undefined;
  const exec = await call('starting a command in the sandbox', () =>
    container.exec({
      Cmd: ['timeout', '-k', '2', String(timeoutMs / 1000), 'bash', '-c', command],
      AttachStdout: true,
      AttachStderr: true,
      AttachStdin: hasStdin,
      Tty: false,
      Env: opts.env,
    }),
  );
  const stream = await call('starting a command in the sandbox', () => exec.start({ hijack: true, stdin: hasStdin }));
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  dockerClient().modem.demuxStream(stream, stdout, stderr);

  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const backstop = setTimeout(() => {
      stream.destroy();
      reject(new ExecTimeoutError(command, timeoutMs));
    }, (secs + 5) * 1000);
    stream.on('end', () => {
      clearTimeout(backstop);
      resolve();
    });
    stream.on('close', () => {
      clearTimeout(backstop);
      resolve();
    });
    stream.on('error', (e) => {
      clearTimeout(backstop);
      reject(engineError(e, 'running a command in the sandbox'));
    });
    if (hasStdin) {
      stream.write(opts.stdin);
      // Half-close: the command sees EOF on stdin while we keep reading its output.
      stream.end();
    }
  });
  const info = await call('reading a command’s exit code', () => exec.inspect());
  const exitCode = info.ExitCode ?? -1;
  if (exitCode === 124 && Date.now() - started >= timeoutMs - 50) throw new ExecTimeoutError(command, timeoutMs);
  return { exitCode, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
