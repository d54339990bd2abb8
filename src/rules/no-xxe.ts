import { COMMON_OPTION_PROPERTIES, createRule, FINDING_MESSAGE, reportFindings, type CommonOptions } from './utils.js';

type Options = [CommonOptions];
type MessageId = 'xxe';

export default createRule<Options, MessageId>({
  name: 'no-xxe',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow parsing Lambda event data with XML parsers that expand external entities or load DTDs',
      recommended: true,
    },
    messages: { xxe: FINDING_MESSAGE },
    schema: [{ type: 'object', properties: { ...COMMON_OPTION_PROPERTIES }, additionalProperties: false }],
    defaultOptions: [{ checkLowConfidence: false }],
  },
  defaultOptions: [{ checkLowConfidence: false }],
  create(context, [options]) {
    return reportFindings(context, 'xxe', options, () => 'xxe');
  },
});
