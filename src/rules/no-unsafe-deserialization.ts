import { createRule, DEFAULT_OPTIONS, FINDING_MESSAGE, OPTIONS_SCHEMA, reportFindings } from './utils.js';

type MessageId = 'unsafeDeserialization';

export default createRule<MessageId>({
  name: 'no-unsafe-deserialization',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow deserializing Lambda event data with formats that revive functions (`node-serialize`, unsafe YAML schemas, …)',
      recommended: true,
    },
    messages: { unsafeDeserialization: FINDING_MESSAGE },
    schema: OPTIONS_SCHEMA,
    defaultOptions: DEFAULT_OPTIONS,
  },
  defaultOptions: DEFAULT_OPTIONS,
  create(context, [options]) {
    return reportFindings(context, 'deserialization', options, () => 'unsafeDeserialization');
  },
});
