// Shared helper of the reporting functions. It has no handler of its own, so linting this file
// alone reports nothing; the finding appears at the call in the handler that passes event data in.
const yaml = require('js-yaml');

function loadDefinition(text) {
  const definition = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA });
  if (!definition || typeof definition.name !== 'string') throw new Error('invalid report definition');
  return definition;
}

module.exports = { loadDefinition };
