/**
 * Turns a finding into message data: the source with its access path and line, the sink, the
 * variables in between, the risk and what to do instead. Rules only choose the wording template.
 */
import type { Finding } from '../types.js';

export interface MessageData {
  readonly source: string;
  readonly sink: string;
  readonly via: string;
  readonly risk: string;
  readonly advice: string;
  readonly cwe: string;
  readonly [key: string]: string;
}

const MAX_STEPS_SHOWN = 5;

/** Message data shared by every rule's `messages` template. */
export function messageData(finding: Finding): MessageData {
  const { source, sink } = finding;
  const names: string[] = [];
  for (const step of finding.steps) if (names[names.length - 1] !== step.name) names.push(step.name);
  const shown = names.length > MAX_STEPS_SHOWN ? [...names.slice(0, 2), '…', ...names.slice(-2)] : names;
  const last = finding.steps[finding.steps.length - 1];
  const via = shown.length === 0 ? '' : ` through ${shown.map((n) => (n === '…' ? n : `\`${n}\``)).join(' → ')}${last ? ` (line ${last.node.loc.start.line})` : ''}`;
  return {
    source: `${capitalise(source.label)} (\`${source.path}\`, line ${source.line})`,
    sink: finding.detail ? `${sink.label} ${finding.detail}` : sink.label,
    via,
    risk: sink.risk,
    advice: sink.advice,
    cwe: sink.cwe,
  };
}

function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}
