/**
 * `netlessons topo [--session ID] [--format text|dot|json]`: draw the session sandbox's live network —
 * namespaces, links, addresses, veth cables, bridges and their ports, default routes — from kernel state.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { withDebug, withJson, withSession, type CommonOptions } from '../common.js';
import { useColor } from '../output.js';
import { NotFoundError, SandboxGoneError } from '../../errors.js';
import { TOPO_FORMATS, type TopoFormat } from '../../topo/draw-topology.js';

export interface TopoOptions extends CommonOptions {
  session?: string;
  format: TopoFormat;
  ascii?: boolean;
}

function parseFormat(value: string): TopoFormat {
  if (!(TOPO_FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${TOPO_FORMATS.join(', ')}.`);
  return value as TopoFormat;
}

export function topoCommand(program: Command): void {
  const cmd = program
    .command('topo')
    .description("Draw the sandbox's live network: namespaces, links, cables, bridges, default routes")
    .option('--format <format>', `text (a diagram), dot (Graphviz) or json`, parseFormat, 'text')
    .option('--ascii', 'draw with plain ASCII instead of box-drawing characters')
    .addHelpText('after', '\nExamples:\n  netlessons topo\n  netlessons topo --format dot > net.dot && dot -Tsvg net.dot > net.svg\n  netlessons topo --json | jq \'.bridges\'')
    .allowUnknownOption(false);
  withSession(withJson(withDebug(cmd))).action((opts: TopoOptions) => run(opts));
}

export async function run(opts: TopoOptions): Promise<void> {
  const [{ findSession }, { getBackend }, { drawTopology }] = await Promise.all([
    import('../../runner/session-store.js'),
    import('../../sandbox/index.js'),
    import('../../topo/draw-topology.js'),
  ]);
  const session = await findSession(opts.session);
  const backend = await getBackend(session.backend);
  let sandbox;
  try {
    sandbox = await backend.attach(session.id);
  } catch (err) {
    if (!(err instanceof NotFoundError || err instanceof SandboxGoneError)) throw err;
    throw new SandboxGoneError(`The sandbox of session ${session.id} (${session.lessonId}) is gone, so there is no network to draw.`, {
      hint: '`netlessons reset` starts a fresh one at your step; `netlessons status` lists the sessions.',
      cause: err,
    });
  }
  const format = opts.json ? 'json' : opts.format;
  process.stdout.write(await drawTopology(sandbox, format, { color: useColor(process.stdout), ascii: opts.ascii }));
}
