/**
 * `settings['serverless-security']`: validated once per settings object. Invalid settings throw
 * an error that names the key and what was expected (ESLint shows it with the file name), never
 * a crash deeper in the analysis and never silence.
 */
import { TRIGGER_IDS, TRIGGER_MODELS, UNKNOWN } from './models/triggers.js';
import { ALL_SINKS } from './models/sinks.js';
import { TRANSFERS } from './models/transfers.js';
import type { Family, FieldRule, SinkModel, TransferModel, TriggerId, TriggerModel } from './types.js';
import { FAMILIES } from './types.js';

export const SETTINGS_KEY = 'serverless-security';

export interface ResolvedSettings {
  readonly trigger: TriggerId | null;
  readonly handlers: ReadonlySet<string>;
  readonly models: { readonly sinks: readonly SinkModel[]; readonly transfers: readonly TransferModel[] };
  model(id: TriggerId): TriggerModel;
}

const DEFAULT_MODELS = { sinks: ALL_SINKS, transfers: TRANSFERS as readonly TransferModel[] };

export const DEFAULT_SETTINGS: ResolvedSettings = {
  trigger: null,
  handlers: new Set(),
  models: DEFAULT_MODELS,
  model: (id) => TRIGGER_MODELS.find((m) => m.id === id) ?? UNKNOWN,
};

const KNOWN_KEYS = new Set(['trigger', 'handlers', 'sources', 'sinks', 'sanitizers']);
const cache = new WeakMap<object, ResolvedSettings>();

class SettingsError extends Error {
  constructor(key: string, expected: string, got: unknown) {
    super(`eslint-plugin-serverless-security: settings['${SETTINGS_KEY}'].${key} ${expected} (got ${JSON.stringify(got) ?? String(got)}).`);
    this.name = 'SettingsError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, key: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length > 0)) {
    throw new SettingsError(key, 'must be an array of non-empty strings', value);
  }
  return value as string[];
}

function memberPath(value: unknown, key: string): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return value.split('.').filter(Boolean);
  return stringList(value, key);
}

function families(value: unknown, key: string): readonly Family[] | 'all' {
  if (value === undefined || value === 'all') return 'all';
  const list = stringList(value, key);
  for (const f of list) if (!FAMILIES.includes(f as Family)) throw new SettingsError(key, `must list families from ${FAMILIES.join(', ')}`, f);
  return list as Family[];
}

function triggerId(value: unknown, key: string): TriggerId {
  if (typeof value !== 'string' || !TRIGGER_IDS.includes(value as TriggerId)) {
    throw new SettingsError(key, `must be one of ${TRIGGER_IDS.map((t) => `"${t}"`).join(', ')}`, value);
  }
  return value as TriggerId;
}

/** Validates and resolves the plugin's settings (memoised per settings object). */
export function resolveSettings(all: Readonly<Record<string, unknown>> | undefined): ResolvedSettings {
  const raw = all?.[SETTINGS_KEY];
  if (raw === undefined) return DEFAULT_SETTINGS;
  if (!isObject(raw)) throw new SettingsError('', 'must be an object', raw);
  const cached = cache.get(raw);
  if (cached) return cached;
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) throw new SettingsError(key, `is not a known setting (known: ${[...KNOWN_KEYS].join(', ')})`, raw[key]);
  }
  const trigger = raw.trigger === undefined ? null : triggerId(raw.trigger, 'trigger');
  const handlers = new Set(raw.handlers === undefined ? [] : stringList(raw.handlers, 'handlers'));

  const extraFields = new Map<TriggerId | 'all', FieldRule[]>();
  if (raw.sources !== undefined) {
    if (!Array.isArray(raw.sources)) throw new SettingsError('sources', 'must be an array of { path, trust?, label?, trigger? }', raw.sources);
    raw.sources.forEach((entry: unknown, i) => {
      const key = `sources[${i}]`;
      if (!isObject(entry) || typeof entry.path !== 'string') throw new SettingsError(key, 'must be an object with a string `path`', entry);
      const trust = entry.trust ?? 'attacker';
      if (trust !== 'attacker' && trust !== 'trusted') throw new SettingsError(`${key}.trust`, 'must be "attacker" or "trusted"', trust);
      if (entry.label !== undefined && typeof entry.label !== 'string') throw new SettingsError(`${key}.label`, 'must be a string', entry.label);
      const target = entry.trigger === undefined ? 'all' : triggerId(entry.trigger, `${key}.trigger`);
      const rule: FieldRule = { path: entry.path, trust, label: (entry.label) ?? 'event field' };
      extraFields.set(target, [...(extraFields.get(target) ?? []), rule]);
    });
  }

  const sinks: SinkModel[] = [];
  if (raw.sinks !== undefined) {
    if (!Array.isArray(raw.sinks)) throw new SettingsError('sinks', 'must be an array of { module, path, family, args? }', raw.sinks);
    raw.sinks.forEach((entry: unknown, i) => {
      const key = `sinks[${i}]`;
      if (!isObject(entry) || typeof entry.module !== 'string') throw new SettingsError(key, 'must be an object with a string `module`', entry);
      const family = entry.family;
      if (typeof family !== 'string' || !FAMILIES.includes(family as Family)) throw new SettingsError(`${key}.family`, `must be one of ${FAMILIES.join(', ')}`, family);
      const args = entry.args === undefined ? [0] : entry.args;
      if (!Array.isArray(args) || !args.every((a) => Number.isInteger(a) && a >= 0)) throw new SettingsError(`${key}.args`, 'must be an array of argument indexes', args);
      const kind = entry.kind ?? 'call';
      if (kind !== 'call' && kind !== 'construct') throw new SettingsError(`${key}.kind`, 'must be "call" or "construct"', kind);
      const path = memberPath(entry.path, `${key}.path`);
      const label = typeof entry.label === 'string' ? entry.label : `${[entry.module, ...path].join('.')}()`;
      sinks.push({
        family: family as Family,
        modules: [entry.module],
        path,
        kind,
        args: args as number[],
        check: 'tainted',
        label,
        cwe: ALL_SINKS.find((s) => s.family === family)?.cwe ?? 'CWE-74',
        risk: ALL_SINKS.find((s) => s.family === family)?.risk ?? 'injection',
        advice: 'Validate the value against an allow-list before passing it to this function.',
      });
    });
  }

  const sanitizers: TransferModel[] = [];
  if (raw.sanitizers !== undefined) {
    if (!Array.isArray(raw.sanitizers)) throw new SettingsError('sanitizers', 'must be an array of { module, path?, families? }', raw.sanitizers);
    raw.sanitizers.forEach((entry: unknown, i) => {
      const key = `sanitizers[${i}]`;
      if (!isObject(entry) || typeof entry.module !== 'string') throw new SettingsError(key, 'must be an object with a string `module`', entry);
      sanitizers.push({ modules: [entry.module], path: memberPath(entry.path, `${key}.path`), effect: 'clean', families: families(entry.families, `${key}.families`) });
    });
  }

  const models = sinks.length === 0 && sanitizers.length === 0 ? DEFAULT_MODELS : { sinks: [...ALL_SINKS, ...sinks], transfers: [...sanitizers, ...TRANSFERS] };
  const modelCache = new Map<TriggerId, TriggerModel>();
  const resolved: ResolvedSettings = {
    trigger,
    handlers,
    models,
    model(id) {
      let m = modelCache.get(id);
      if (!m) {
        const base = DEFAULT_SETTINGS.model(id);
        const extra = [...(extraFields.get('all') ?? []), ...(extraFields.get(id) ?? [])];
        m = extra.length === 0 ? base : { ...base, fields: [...base.fields, ...extra] };
        modelCache.set(id, m);
      }
      return m;
    },
  };
  cache.set(raw, resolved);
  return resolved;
}
