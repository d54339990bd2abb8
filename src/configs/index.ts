/**
 * Flat configs. Each is a complete config object with a `name`, usable directly in
 * `eslint.config.js` or spread into an organisation's preset. Per-trigger configs pin the trigger
 * model (`settings['serverless-security'].trigger`) for handlers whose trigger cannot be read from
 * types or event shapes.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { SETTINGS_KEY } from '../analysis/index.js';
import type { TriggerId } from '../analysis/types.js';
import { rules, type RuleName } from '../rules/index.js';

type Plugin = TSESLint.FlatConfig.Plugin;
type Config = TSESLint.FlatConfig.Config;

export const PLUGIN_NAME = 'serverless-security';

export const TRIGGER_CONFIGS = {
  s3: 's3',
  sqs: 'sqs',
  sns: 'sns',
  'api-gateway': 'api-gateway',
  'dynamodb-streams': 'dynamodb-streams',
  kinesis: 'kinesis',
  eventbridge: 'eventbridge',
} as const satisfies Record<string, TriggerId>;

export type ConfigName = 'recommended' | 'strict' | 'all' | keyof typeof TRIGGER_CONFIGS;

function ruleEntries(options?: Record<string, unknown>): Config['rules'] {
  const entries: NonNullable<Config['rules']> = {};
  for (const name of Object.keys(rules) as RuleName[]) {
    entries[`${PLUGIN_NAME}/${name}`] = options ? ['error', options] : 'error';
  }
  return entries;
}

export function buildConfigs(plugin: Plugin): Record<ConfigName, Config> {
  const plugins = { [PLUGIN_NAME]: plugin };
  const recommended: Config = { name: `${PLUGIN_NAME}/recommended`, plugins, rules: ruleEntries() };
  const strict: Config = { name: `${PLUGIN_NAME}/strict`, plugins, rules: ruleEntries({ checkLowConfidence: true }) };
  const all: Config = { name: `${PLUGIN_NAME}/all`, plugins, rules: ruleEntries({ checkLowConfidence: true }) };
  const perTrigger = Object.fromEntries(
    Object.entries(TRIGGER_CONFIGS).map(([name, trigger]) => [
      name,
      { name: `${PLUGIN_NAME}/${name}`, plugins, rules: ruleEntries(), settings: { [SETTINGS_KEY]: { trigger } } } satisfies Config,
    ]),
  ) as unknown as Record<keyof typeof TRIGGER_CONFIGS, Config>;
  return { recommended, strict, all, ...perTrigger };
}
