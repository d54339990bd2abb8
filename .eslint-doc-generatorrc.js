/**
 * eslint-doc-generator settings: writes the header of each docs/rules/<rule>.md and the rule
 * table in README.md from the built plugin (package.json `main` → dist/). Run `npm run build`
 * first; `npm run docs:check` fails when the docs are out of date.
 *
 * Every rule is in every config, so the table shows only recommended/strict/all; the per-trigger
 * configs are described in the README prose instead of as seven more emoji columns.
 */

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  ruleDocTitleFormat: 'desc-parens-name',
  ruleListColumns: ['name', 'description', 'configsError', 'hasSuggestions'],
  ruleDocNotices: ['configs', 'hasSuggestions', 'options'],
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
    ['all', '🌐'],
    ['s3', '🪣'],
    ['sqs', '📨'],
    ['sns', '📣'],
    ['api-gateway', '🚪'],
    ['dynamodb-streams', '🗄️'],
    ['kinesis', '🌊'],
    ['eventbridge', '🚌'],
  ],
  ignoreConfig: ['s3', 'sqs', 'sns', 'api-gateway', 'dynamodb-streams', 'kinesis', 'eventbridge'],
  ruleDocSectionInclude: [
    'Rule details',
    'Options',
    'Recognised sources, sinks and sanitizers',
    'Known limitations',
    'When not to use it',
    'Further reading',
  ],
};

module.exports = config;
