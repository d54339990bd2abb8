/**
 * Builds the full `data` of a finding message (`'{{source}} reaches {{sink}}{{via}}: {{risk}}
 * ({{cwe}}). {{advice}}'`). Each case spells out `source`, `sink` and `via`; risk, CWE and advice
 * come from the sink model row with that label, so a reworded model row changes one place.
 */
import { ALL_SINKS } from '../../src/analysis/models/sinks.js';

export type FindingData = {
  readonly source: string;
  readonly sink: string;
  readonly via: string;
  readonly risk: string;
  readonly cwe: string;
  readonly advice: string;
};

interface SinkText {
  readonly label: string;
  readonly risk: string;
  readonly cwe: string;
  readonly advice: string;
}

/**
 * Sinks the engine recognises without a module model (`import()`, regex application). Their text
 * lives in the engine, not in `models/sinks.ts`, so it is written out here.
 */
const SYNTHETIC_SINKS: readonly SinkText[] = [
  {
    label: 'import() with a dynamic specifier',
    cwe: 'CWE-94',
    risk: 'code injection',
    advice: 'Import modules by constant names; map event values to an allow-listed table of modules.',
  },
  {
    label: 'a string used as a regular expression',
    cwe: 'CWE-1333',
    risk: 'regular expression injection (ReDoS)',
    advice: 'String#match/matchAll/search compile a string argument as a regex: escape it first, or use includes()/indexOf().',
  },
  {
    label: 'the catastrophic regular expression',
    cwe: 'CWE-1333',
    risk: 'regular expression denial of service (ReDoS)',
    advice: 'Rewrite the regex without ambiguous repetition (or use the re2 package), and bound the input length before matching.',
  },
];

function sinkText(label: string): SinkText {
  const row = ALL_SINKS.find((s) => s.label === label) ?? SYNTHETIC_SINKS.find((s) => s.label === label);
  if (!row) throw new Error(`No sink model labelled ${JSON.stringify(label)}`);
  return row;
}

/**
 * Message data for a finding.
 * @param source e.g. "S3 object key (`event.Records[].s3.object.key`, line 4)"
 * @param sink the sink label, e.g. "child_process.exec()"
 * @param via e.g. " through `key` (line 4)", or '' for a direct flow
 * @param detail printed after the sink label, e.g. "with `shell: true`"
 */
export function finding(source: string, sink: string, via = '', detail?: string): FindingData {
  const row = sinkText(sink);
  return {
    source,
    sink: detail ? `${row.label} ${detail}` : row.label,
    via,
    risk: row.risk,
    cwe: row.cwe,
    advice: row.advice,
  };
}
