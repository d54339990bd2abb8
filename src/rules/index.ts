import noCodeInjection from './no-code-injection.js';
import noCommandInjection from './no-command-injection.js';
import noRedos from './no-redos.js';
import noUnsafeDeserialization from './no-unsafe-deserialization.js';
import noXxe from './no-xxe.js';

export const rules = {
  'no-code-injection': noCodeInjection,
  'no-command-injection': noCommandInjection,
  'no-redos': noRedos,
  'no-unsafe-deserialization': noUnsafeDeserialization,
  'no-xxe': noXxe,
};

export type RuleName = keyof typeof rules;
