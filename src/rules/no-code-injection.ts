import type { TSESTree } from '@typescript-eslint/utils';
import { createRule, DEFAULT_OPTIONS, FINDING_MESSAGE, OPTIONS_SCHEMA, reportFindings } from './utils.js';

type MessageId = 'codeInjection' | 'useJsonParse';

export default createRule<MessageId>({
  name: 'no-code-injection',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Lambda event data from being evaluated as code (`eval`, `Function`, `vm`, dynamic `require`/`import()`)',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      codeInjection: FINDING_MESSAGE,
      useJsonParse: 'Parse the value as JSON data with JSON.parse() instead of evaluating it.',
    },
    schema: OPTIONS_SCHEMA,
    defaultOptions: DEFAULT_OPTIONS,
  },
  defaultOptions: DEFAULT_OPTIONS,
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    return reportFindings(context, 'code', options, () => 'codeInjection', (finding) => {
      // `eval(body)` is most often a way to read JSON: JSON.parse keeps the data and drops the code.
      const call = finding.node as TSESTree.CallExpression;
      const isEval = call.type === 'CallExpression' && call.callee.type === 'Identifier' && call.callee.name === 'eval';
      const arg = call.arguments?.[0];
      if (!isEval || call.arguments.length !== 1 || !arg || arg.type === 'SpreadElement') return [];
      return [{ messageId: 'useJsonParse', fix: (fixer) => fixer.replaceText(call, `JSON.parse(${sourceCode.getText(arg)})`) }];
    });
  },
});
