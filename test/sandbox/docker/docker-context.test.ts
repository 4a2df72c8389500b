/** Which engine: DOCKER_HOST, else the current Docker context (fixture config dir), else the socket. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modemOptions, resolveEndpoint } from '../../../src/sandbox/docker/docker-context.js';
import { ROOT } from '../hold-sandbox.js';

const config = path.join(ROOT, 'test/fixtures/docker-config');

describe('resolveEndpoint', () => {
  it('DOCKER_HOST wins over any context, and docker-modem parses it itself', () => {
    const e = resolveEndpoint({ DOCKER_HOST: 'tcp://10.0.0.5:2375', DOCKER_CONFIG: config });
    expect(e).toEqual({ host: 'tcp://10.0.0.5:2375', source: 'DOCKER_HOST' });
    expect(modemOptions(e)).toBeUndefined();
  });

  it('the current context of config.json (a Colima socket)', () => {
    const e = resolveEndpoint({ DOCKER_CONFIG: config });
    expect(e).toEqual({ host: 'unix:///home/learner/.colima/default/docker.sock', source: 'context colima' });
    expect(modemOptions(e)).toEqual({ socketPath: '/home/learner/.colima/default/docker.sock' });
  });

  it('DOCKER_CONTEXT picks another context (ssh to a class server)', () => {
    const e = resolveEndpoint({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'lab' });
    expect(e).toEqual({ host: 'ssh://student@lab.example.org', source: 'context lab' });
    expect(modemOptions(e)).toMatchObject({ protocol: 'ssh', host: 'lab.example.org', username: 'student' });
  });

  it('the default socket when there is no config, or the context is `default` or unknown', () => {
    const socket = { host: 'unix:///var/run/docker.sock', source: 'default socket' };
    expect(resolveEndpoint({ DOCKER_CONFIG: path.join(config, 'nowhere') })).toEqual(socket);
    expect(resolveEndpoint({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'default' })).toEqual(socket);
    expect(resolveEndpoint({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'nosuch' })).toEqual(socket);
  });
});
