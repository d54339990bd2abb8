import { createRule, DEFAULT_OPTIONS, FINDING_MESSAGE, OPTIONS_SCHEMA, reportFindings } from './utils.js';

type MessageId = 'xxe';

export default createRule<MessageId>({
  name: 'no-xxe',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow parsing Lambda event data with XML parsers that expand external entities or load DTDs',
      recommended: true,
    },
    messages: { xxe: FINDING_MESSAGE },
    schema: OPTIONS_SCHEMA,
    defaultOptions: DEFAULT_OPTIONS,
  },
  defaultOptions: DEFAULT_OPTIONS,
  create(context, [options]) {
    return reportFindings(context, 'xxe', options, () => 'xxe');
  },
});
