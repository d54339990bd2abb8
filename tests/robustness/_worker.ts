/**
 * Runs hostile-input jobs in worker threads (`_lint-worker.cjs`) under a wall-clock budget (the
 * worker is terminated when it runs out) and a V8 heap cap (`resourceLimits`), so a hang or
 * runaway memory fails the test with a clear reason instead of blocking the test runner: a
 * synchronous hang inside the test's own thread would never let vitest's timeout fire.
 *
 * Workers are reused between jobs with the same limits (loading ESLint and the plugin costs most
 * of a second), as an editor or `--concurrency` worker keeps the plugin loaded across files; a
 * worker that timed out or failed is discarded. Call {@link closeWorkers} in `afterAll`.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

const WORKER = path.join(__dirname, '_lint-worker.cjs');

export interface LintSummary {
  /** Stack of an exception thrown out of `Linter#verify` (a rule crashed). */
  thrown?: string;
  ms: number;
  /** Message of the fatal (parse) error, if any. */
  fatal: string | null;
  /** `rule@line` of every plugin finding. */
  findings: string[];
  findingMessages: string[];
  /** Non-fatal messages that come from neither the plugin nor the probe. */
  other: string[];
  probeError: string | null;
  analysis: { handlers: number; findings: number; exhausted: number; converged: boolean } | null;
  heapUsedMb: number;
}

export interface Template {
  prefix: string;
  open: string;
  core: string;
  close: string;
  suffix: string;
}

export type Job =
  /** Lint `code` (`withPlugin: false`: ESLint core only, for baselines). */
  | { kind: 'lint'; code: string; ts?: boolean; withPlugin?: boolean }
  /** Find the deepest `template` nesting (<= max) ESLint core accepts, and lint it with the plugin. */
  | { kind: 'deepest'; template: Template; max: number; ts?: boolean };

export interface DeepestResult extends LintSummary {
  /** Deepest nesting ESLint core (parser, scopes, traversal) accepted in this worker. */
  limit: number;
  /** Depth linted with the plugin (the limit, or a little less when the limit was flaky). */
  depth: number;
}

export interface Limits {
  timeoutMs?: number;
  maxHeapMb?: number;
  /** Worker thread stack; Node's default for workers is 4 MB. */
  stackSizeMb?: number;
}

/** `prefix + open×n + core + close×n + suffix`. */
export function build(t: Template, n: number): string {
  return t.prefix + t.open.repeat(n) + t.core + t.close.repeat(n) + t.suffix;
}

interface Pending {
  resolve(result: unknown): void;
  fail(message: string): void;
}

/** A worker with permanent listeners that settle whichever job is running on it. */
class LintWorker {
  readonly worker: Worker;
  pending: Pending | null = null;
  dead = false;

  constructor(maxHeapMb: number, stackSizeMb: number) {
    this.worker = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, stackSizeMb }, stdout: false, stderr: false });
    this.worker.on('message', (result: unknown) => this.settle()?.resolve(result));
    this.worker.on('error', (error: Error & { code?: string }) => {
      this.dead = true;
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `heap exceeded ${maxHeapMb} MB` : 'worker crashed';
      this.settle()?.fail(`${reason}: ${error.stack ?? error.message}`);
    });
    this.worker.on('exit', (code) => {
      this.dead = true;
      this.settle()?.fail(`worker exited with code ${code} before reporting`);
    });
  }

  private settle(): Pending | null {
    const p = this.pending;
    this.pending = null;
    return p;
  }

  run(job: Job, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.dead = true;
        void this.worker.terminate();
        this.settle()?.fail(`linting did not finish within ${timeoutMs} ms`);
      }, timeoutMs);
      this.pending = {
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        fail: (message) => {
          clearTimeout(timer);
          reject(new Error(message));
        },
      };
      this.worker.postMessage(job);
    });
  }
}

const idle = new Map<string, LintWorker>();

/** Terminates the idle workers (call from `afterAll`). */
export async function closeWorkers(): Promise<void> {
  const workers = [...idle.values()];
  idle.clear();
  await Promise.all(workers.map((w) => w.worker.terminate()));
}

/** Runs `job`; rejects with a descriptive error on timeout, out-of-memory or a worker crash. */
export function runJob(job: Job & { kind: 'lint' }, limits?: Limits): Promise<LintSummary>;
export function runJob(job: Job & { kind: 'deepest' }, limits?: Limits): Promise<DeepestResult>;
export async function runJob(job: Job, { timeoutMs = 20_000, maxHeapMb = 1_536, stackSizeMb = 4 }: Limits = {}): Promise<unknown> {
  const key = `${maxHeapMb}/${stackSizeMb}`;
  const worker = idle.get(key) ?? new LintWorker(maxHeapMb, stackSizeMb);
  idle.delete(key);
  try {
    return await worker.run(job, timeoutMs);
  } finally {
    if (worker.dead || idle.has(key)) void worker.worker.terminate();
    else idle.set(key, worker);
  }
}
