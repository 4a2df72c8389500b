/** A ```check block: a YAML list of assertions, each validated by `parseAssertion` and located to its line. */
import { isSeq } from 'yaml';
import { parseAssertion, type Assertion } from './assertions.js';
import type { FencedBlock } from './markdown-blocks.js';
import type { ProblemAt } from './front-matter.js';
import { offsetOf, parseYamlSnippet } from './yaml-source.js';

export function readCheckBlock(block: FencedBlock, file: string): { assertions: Assertion[]; problems: ProblemAt[] } {
  const fenceAt = { line: block.line, col: block.col };
  const parsed = parseYamlSnippet(block.content.join('\n'), block.line + 1, block.indent);
  if (!parsed.ok) return { assertions: [], problems: parsed.errors };
  const { snippet } = parsed;
  const root = snippet.doc.contents;
  if (root === null || (isSeq(root) && root.items.length === 0)) {
    return { assertions: [], problems: [{ ...fenceAt, reason: 'empty check block: list at least one assertion, like `- netns: lab`' }] };
  }
  if (!isSeq(root)) {
    const where = root.range ? snippet.at(root.range[0]) : fenceAt;
    return { assertions: [], problems: [{ ...where, reason: 'a check block is a YAML list of assertions: start each one with `- ` (like `- link: eth0`)' }] };
  }
  const values = snippet.value as unknown[];
  const assertions: Assertion[] = [];
  const problems: ProblemAt[] = [];
  root.items.forEach((node, i) => {
    const start = (node as { range?: [number, number, number] } | null)?.range?.[0];
    const where = start === undefined ? fenceAt : snippet.at(start);
    const result = parseAssertion(values[i], { file, ...where });
    if (result.ok) {
      assertions.push(result.assertion);
      return;
    }
    for (const p of result.problems) {
      // Unknown kinds and options point at their key; bad values at the value.
      const onKey = /^unknown |^one kind per assertion/.test(p.reason);
      const offset = p.path.length ? offsetOf(node, p.path, onKey ? 'key' : 'value') : undefined;
      problems.push({ ...(offset === undefined ? where : snippet.at(offset)), reason: p.reason });
    }
  });
  return { assertions, problems };
}
