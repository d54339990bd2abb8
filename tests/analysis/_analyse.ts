/** Runs the shared file analysis on a snippet through ESLint's Linter (JS or TS parser). */
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { getFileAnalysis, messageData, type FileAnalysis } from '../../src/analysis/index.js';

export interface AnalyseOptions {
  ts?: boolean;
  sourceType?: 'module' | 'commonjs' | 'script';
  settings?: Record<string, unknown>;
}

export function analyseCode(code: string, options: AnalyseOptions = {}): FileAnalysis {
  let result: FileAnalysis | undefined;
  let error: Error | undefined;
  const linter = new Linter();
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
                        result = getFileAnalysis(context as never);
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
    options.ts ? 'handler.ts' : 'handler.js',
  );
  if (error) throw error;
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`parse error: ${fatal.message}`);
  if (!result) throw new Error('analysis did not run');
  return result;
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
