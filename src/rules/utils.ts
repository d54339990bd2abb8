/**
 * What every rule shares: the rule creator (docs URL from the rule name), the option that admits
 * lower-confidence findings, and reporting a family's findings from the shared analysis.
 */
import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { getFindings, messageData, type Family, type Finding } from '../analysis/index.js';

export const REPO_URL = 'https://github.com/serverless-security/eslint-plugin-serverless-security';

export interface PluginDocs {
  description: string;
  recommended?: boolean;
  requiresTypeChecking?: boolean;
}

const ruleCreator = ESLintUtils.RuleCreator<PluginDocs>((name) => `${REPO_URL}/blob/main/docs/rules/${name}.md`);

type RuleDefinition<MessageId extends string> = Parameters<typeof ruleCreator<[CommonOptions], MessageId>>[0];

/**
 * `RuleCreator` with the docs URL, but options resolved without its `applyDefault`: that clones
 * the defaults (`structuredClone`) for every rule on every file, which cost more on the benchmark
 * corpus than some cheap exits of the analysis. Every rule takes one flat options object, so a
 * spread over the defaults is the whole merge. (ESLint builds a new options array per file, so
 * caching by array would only add a WeakMap entry per file.)
 */
export function createRule<MessageId extends string>(rule: RuleDefinition<MessageId>): ReturnType<typeof ruleCreator<[CommonOptions], MessageId>> {
  const created = ruleCreator<[CommonOptions], MessageId>(rule);
  const defaults = rule.meta.defaultOptions?.[0] ?? DEFAULT_OPTIONS[0];
  return {
    ...created,
    create(context) {
      return rule.create(context, [{ ...defaults, ...(context.options[0] as CommonOptions | undefined) }]);
    },
  };
}

export interface CommonOptions {
  checkLowConfidence?: boolean;
}

export const COMMON_OPTION_PROPERTIES = {
  checkLowConfidence: {
    type: 'boolean',
    description: 'Also report lower-confidence findings (enabled by the `strict` and `all` configs).',
  },
} as const satisfies Record<string, JSONSchema4>;

/** Every rule takes the same single options object. */
export const OPTIONS_SCHEMA: JSONSchema4[] = [{ type: 'object', properties: { ...COMMON_OPTION_PROPERTIES }, additionalProperties: false }];
export const DEFAULT_OPTIONS: [CommonOptions] = [{ checkLowConfidence: false }];

/** One message template for all rules: source, sink, the way between, risk and advice. */
export const FINDING_MESSAGE = '{{source}} reaches {{sink}}{{via}}: {{risk}} ({{cwe}}). {{advice}}';

/** Reports the findings of a family once the whole file has been seen. */
export function reportFindings<MessageId extends string>(
  context: Readonly<TSESLint.RuleContext<MessageId, readonly unknown[]>>,
  family: Family,
  options: CommonOptions,
  messageIdOf: (finding: Finding) => MessageId,
  suggest?: (finding: Finding) => TSESLint.SuggestionReportDescriptor<MessageId>[],
): TSESLint.RuleListener {
  return {
    'Program:exit'() {
      for (const finding of getFindings(context, family)) {
        if (finding.confidence === 'low' && !options.checkLowConfidence) continue;
        const suggestions = suggest?.(finding) ?? [];
        context.report({
          node: finding.node,
          messageId: messageIdOf(finding),
          data: messageData(finding),
          ...(suggestions.length > 0 ? { suggest: suggestions } : {}),
        });
      }
    },
  };
}
