import { createRule, DEFAULT_OPTIONS, FINDING_MESSAGE, OPTIONS_SCHEMA, reportFindings } from './utils.js';

type MessageId = 'commandInjection';

export default createRule<MessageId>({
  name: 'no-command-injection',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Lambda event data from reaching OS command execution (`child_process`, `shelljs`, `execa`)',
      recommended: true,
    },
    messages: { commandInjection: FINDING_MESSAGE },
    schema: OPTIONS_SCHEMA,
    defaultOptions: DEFAULT_OPTIONS,
  },
  defaultOptions: DEFAULT_OPTIONS,
  create(context, [options]) {
    // A shell in a Lambda reads the role's credentials from the environment: report every flow.
    return reportFindings(context, 'command', options, () => 'commandInjection');
  },
});
