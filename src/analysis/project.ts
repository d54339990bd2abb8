/**
 * Facts about the project a file belongs to, read lazily from disk: the major version of a
 * dependency, from the installed package (`node_modules/<name>/package.json`) or else from the
 * range declared in the nearest `package.json` that lists it. Used only by version-dependent sink
 * conditions (js-yaml 3 vs 4), so most files never touch the disk here.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SinkEnvironment } from './taint/sinks.js';

const MAX_LEVELS = 25;

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** `^3.14.1` → 3, `~4.1.0` → 4, `3.x` → 3, `npm:js-yaml@^3` → 3; `latest`, URLs → null. */
export function majorOfRange(range: string): number | null {
  const spec = range.includes('@') ? range.slice(range.lastIndexOf('@') + 1) : range;
  const match = /^\s*(?:[\^~]|[<>]=?|=)?\s*v?(\d+)(?:\.|$|\s|x)/i.exec(spec);
  return match ? Number(match[1]) : null;
}

function declaredRange(manifest: Record<string, unknown>, name: string): string | null {
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const deps = manifest[field];
    if (deps && typeof deps === 'object' && typeof (deps as Record<string, unknown>)[name] === 'string') return (deps as Record<string, string>)[name]!;
  }
  return null;
}

/** The project environment of the file at `filename` (answers are memoised per file). */
export function packageEnvironment(filename: string | undefined): SinkEnvironment {
  const answers = new Map<string, number | null>();
  return {
    packageMajor(name) {
      if (answers.has(name)) return answers.get(name)!;
      let answer: number | null = null;
      if (filename && path.isAbsolute(filename)) {
        let dir = path.dirname(filename);
        for (let i = 0; i < MAX_LEVELS; i++) {
          const installed = readJson(path.join(dir, 'node_modules', name, 'package.json'));
          if (typeof installed?.version === 'string') {
            answer = majorOfRange(installed.version);
            break;
          }
          const manifest = readJson(path.join(dir, 'package.json'));
          const range = manifest ? declaredRange(manifest, name) : null;
          if (range) {
            answer = majorOfRange(range);
            break;
          }
          // The nearest package.json is the project; only a workspace root continues upward.
          if (manifest && !manifest.workspaces) break;
          const parent = path.dirname(dir);
          if (parent === dir) break;
          dir = parent;
        }
      }
      answers.set(name, answer);
      return answer;
    },
  };
}
