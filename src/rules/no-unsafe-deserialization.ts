import { COMMON_OPTION_PROPERTIES, createRule, FINDING_MESSAGE, reportFindings, type CommonOptions } from './utils.js';

type Options = [CommonOptions];
type MessageId = 'unsafeDeserialization';

export default createRule<Options, MessageId>({
  name: 'no-unsafe-deserialization',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow deserializing Lambda event data with formats that revive functions (`node-serialize`, unsafe YAML schemas, …)',
      recommended: true,
    },
    messages: { unsafeDeserialization: FINDING_MESSAGE },
    schema: [{ type: 'object', properties: { ...COMMON_OPTION_PROPERTIES }, additionalProperties: false }],
    defaultOptions: [{ checkLowConfidence: false }],
  },
  defaultOptions: [{ checkLowConfidence: false }],
  create(context, [options]) {
    return reportFindings(context, 'deserialization', options, () => 'unsafeDeserialization');
  },
});
