/**
 * The plugin object: `{ meta, rules, configs }`. Configs reference the plugin itself, so they are
 * built after the object exists.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { buildConfigs, type ConfigName } from './configs/index.js';
import { rules } from './rules/index.js';

const meta = { name: 'eslint-plugin-serverless-security', version: '0.1.0' } as const;

interface ServerlessSecurityPlugin {
  meta: typeof meta;
  rules: typeof rules;
  configs: Record<ConfigName, TSESLint.FlatConfig.Config>;
}

const plugin: ServerlessSecurityPlugin = { meta, rules, configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config> };
plugin.configs = buildConfigs(plugin);

export default plugin;
