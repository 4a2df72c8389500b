/** One call for whoever wants the picture of a running sandbox (the `topo` command, the runner's step view after a check). */
import { readTopology, type Exec } from './read-topology.js';
import { renderDot } from './render-dot.js';
import { renderText, type TextOptions } from './render-text.js';

export type TopoFormat = 'text' | 'dot' | 'json';
export const TOPO_FORMATS: readonly TopoFormat[] = ['text', 'dot', 'json'];

export async function drawTopology(sandbox: Exec, format: TopoFormat = 'text', opts: TextOptions = {}): Promise<string> {
  const topo = await readTopology(sandbox);
  if (format === 'json') return JSON.stringify(topo, null, 2) + '\n';
  if (format === 'dot') return renderDot(topo);
  return renderText(topo, opts);
}
