import type { TSESTree } from '@typescript-eslint/utils';
import { createRule, DEFAULT_OPTIONS, FINDING_MESSAGE, OPTIONS_SCHEMA, reportFindings } from './utils.js';

type MessageId = 'regexInjection' | 'catastrophicRegex' | 'escapeValue';

const ESCAPE = ".replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')";

export default createRule<MessageId>({
  name: 'no-redos',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow regular expressions built from Lambda event data, and catastrophic regular expressions applied to it',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      regexInjection: FINDING_MESSAGE,
      catastrophicRegex: FINDING_MESSAGE,
      escapeValue: 'Escape regex metacharacters in the value before building the regex.',
    },
    schema: OPTIONS_SCHEMA,
    defaultOptions: DEFAULT_OPTIONS,
  },
  defaultOptions: DEFAULT_OPTIONS,
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    return reportFindings(
      context,
      'redos',
      options,
      (finding) => (finding.redosKind === 'injection' ? 'regexInjection' : 'catastrophicRegex'),
      (finding) => {
        if (finding.redosKind !== 'injection') return [];
        // new RegExp(x) / s.match(x): escaping the pattern argument keeps literal matching intent.
        const call = finding.node as TSESTree.CallExpression | TSESTree.NewExpression;
        const arg = call.arguments[0];
        if (!arg || arg.type === 'SpreadElement') return [];
        const text = sourceCode.getText(arg);
        return [{ messageId: 'escapeValue', fix: (fixer) => fixer.replaceText(arg, `String(${text})${ESCAPE}`) }];
      },
    );
  },
});
