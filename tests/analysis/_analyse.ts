/** Runs the shared file analysis on a snippet through ESLint's Linter (JS or TS parser). */
import path from 'node:path';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { getFileAnalysis, messageData, type FileAnalysis } from '../../src/analysis/index.js';

export interface AnalyseOptions {
  ts?: boolean;
  sourceType?: 'module' | 'commonjs' | 'script';
  settings?: Record<string, unknown>;
  /** Absolute path of the linted file (local modules resolve against it); default: handler.js. */
  filename?: string;
}

export function analyseCode(code: string, options: AnalyseOptions = {}): FileAnalysis {
  return withRuleContext(code, options, (context) => getFileAnalysis(context as never));
}

/** Runs `probe` at Program:exit of a snippet linted with ESLint's Linter (JS or TS parser). */
/** The context is ESLint's own; callers cast it to the view they need. */
export function withRuleContext<T>(code: string, options: AnalyseOptions, probe: (context: { readonly sourceCode: unknown }) => T): T {
  let result: { value: T } | undefined;
  let error: Error | undefined;
  const linter = new Linter(options.filename ? { cwd: path.dirname(options.filename) } : {});
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
        languageOptions: {
          sourceType: options.sourceType ?? 'module',
          ...(options.ts ? { parser: tsParser } : {}),
        },
        settings: options.settings ?? {},
        plugins: {
          probe: {
            rules: {
              capture: {
                create(context) {
                  return {
                    'Program:exit'() {
                      try {
                        result = { value: probe(context) };
                      } catch (e) {
                        error = e instanceof Error ? e : new Error(String(e));
                      }
                    },
                  };
                },
              },
            },
          },
        },
        rules: { 'probe/capture': 'error' },
      },
    ],
    options.filename ?? (options.ts ? 'handler.ts' : 'handler.js'),
  );
  if (error) throw error;
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`parse error: ${fatal.message}`);
  if (!result) throw new Error('analysis did not run');
  return result.value;
}

/** Compact view of findings for assertions: `family@line source-path → sink [steps]`. */
export function summarise(analysis: FileAnalysis): string[] {
  return analysis.findings.map((f) => {
    const data = messageData(f);
    const steps = f.steps.map((s) => s.name).join(',');
    return `${f.family}@${f.node.loc.start.line} ${f.source.label} ${f.source.path} → ${data.sink}${steps ? ` [${steps}]` : ''}`;
  });
}

/** Names of the exported functions judged to be handlers, with their triggers. */
export function handlerSummary(analysis: FileAnalysis): string[] {
  return analysis.handlers.map((h) => `${h.name}:${h.reason}:${analysis.triggers.get(h.fn) ?? h.typedTrigger ?? '-'}`);
}
