// A small source-file builder for the corpus generator: collects imports (ESM or CommonJS),
// module-level declarations, TypeScript types, helpers and the main code, then renders a file.
//
// Templates write output template literals with `#{…}` instead of `${…}` (so they can use the
// generator's own `${…}` freely); `render()` turns `#{` back into `${`.

export const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
export const camel = (s) => s.replace(/[-_ ](\w)/g, (_, ch) => ch.toUpperCase());
export const constCase = (s) => s.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/-/g, '_').toUpperCase();

/** Indents every non-empty line of `code` by `n` spaces. */
export function indent(code, n) {
  const pad = ' '.repeat(n);
  return code
    .split('\n')
    .map((line) => (line.trim() ? pad + line : ''))
    .join('\n');
}

/**
 * Template tag for code blocks: strips the common indentation of the literal text, indents
 * multi-line interpolated blocks to the column of the line they are placed on, and drops lines
 * that hold only an empty interpolation (`''`, `null`, `false`).
 */
export function code(strings, ...values) {
  const literalLines = strings.join('\u0000').split('\n').slice(1);
  const widths = literalLines.filter((l) => l.replaceAll('\u0000', 'x').trim()).map((l) => /^ */.exec(l)[0].length);
  const min = widths.length ? Math.min(...widths) : 0;
  const strip = new RegExp(`\\n {0,${min}}`, 'g');
  const parts = strings.map((s) => s.replace(strip, '\n'));
  let out = parts[0];
  for (let i = 0; i < values.length; i++) {
    let v = values[i];
    if (v === null || v === undefined || v === false || v === '') v = '\u0001';
    v = String(v);
    if (v.includes('\n')) {
      const lineStart = out.slice(out.lastIndexOf('\n') + 1);
      const pad = ' '.repeat(/^ */.exec(lineStart)[0].length);
      v = v
        .split('\n')
        .map((l, j) => (j === 0 || !l.trim() ? l : pad + l))
        .join('\n');
    }
    out += v + parts[i + 1];
  }
  return out
    .split('\n')
    .filter((l) => l.trim() !== '\u0001')
    .join('\n')
    .replaceAll('\u0001', '')
    .replace(/^\n+/, '')
    .replace(/\s+$/, '');
}

/** Removes the common leading indentation and surrounding blank lines of a template block. */
export function dedent(code) {
  const lines = code.replace(/^\n+|\s+$/g, '').split('\n');
  const widths = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length);
  const min = widths.length ? Math.min(...widths) : 0;
  return lines.map((l) => l.slice(min)).join('\n');
}

const moduleRank = (m) => (m.startsWith('node:') || /^(fs|path|util|crypto|child_process|zlib|os|url|querystring|stream)$/.test(m) ? 0 : m.startsWith('.') ? 2 : 1);

export class Source {
  /**
   * @param {object} opts
   * @param {'ts'|'js'} opts.lang
   * @param {'esm'|'cjs'} opts.style
   * @param {import('./prng.mjs').Rng} opts.rng
   */
  constructor(opts) {
    Object.assign(this, opts);
    this.modules = new Map();
    this.typeModules = new Map();
    this.decls = [];
    this.declKeys = new Set();
    this.types = [];
    this.typeKeys = new Set();
    this.helpers = [];
    this.helperKeys = new Set();
    this.main = [];
    this.footer = [];
  }

  get ts() {
    return this.lang === 'ts';
  }

  /** TypeScript-only text (annotations, casts). */
  T(text) {
    return this.ts ? text : '';
  }

  /** `(err as Error).message` in TS, `err.message` in JS. */
  errMsg(name = 'err') {
    return this.ts ? `(${name} as Error).message` : `${name}.message`;
  }

  entry(mod) {
    if (!this.modules.has(mod)) this.modules.set(mod, { def: null, ns: null, named: new Set() });
    return this.modules.get(mod);
  }

  named(mod, ...names) {
    const e = this.entry(mod);
    for (const n of names) e.named.add(n);
  }

  def(mod, name) {
    this.entry(mod).def = name;
    return name;
  }

  ns(mod, name) {
    this.entry(mod).ns = name;
    return name;
  }

  type(mod, ...names) {
    if (!this.ts) return;
    if (!this.typeModules.has(mod)) this.typeModules.set(mod, new Set());
    for (const n of names) this.typeModules.get(mod).add(n);
  }

  decl(key, code) {
    if (this.declKeys.has(key)) return;
    this.declKeys.add(key);
    this.decls.push(dedent(code));
  }

  iface(key, code) {
    if (!this.ts || this.typeKeys.has(key)) return;
    this.typeKeys.add(key);
    this.types.push(dedent(code));
  }

  helper(key, code) {
    if (this.helperKeys.has(key)) return;
    this.helperKeys.add(key);
    this.helpers.push(dedent(code));
  }

  hasHelper(key) {
    return this.helperKeys.has(key);
  }

  renderImports() {
    const lines = [];
    const mods = [...this.modules.entries()].sort(([a], [b]) => moduleRank(a) - moduleRank(b));
    for (const [m, e] of mods) {
      const named = [...e.named];
      let namedText = named.join(', ');
      if (namedText.length > 70) namedText = `\n  ${named.join(',\n  ')},\n`;
      else namedText = ` ${namedText} `;
      if (this.style === 'esm') {
        if (e.ns) lines.push(`import * as ${e.ns} from '${m}';`);
        if (e.def && named.length) lines.push(`import ${e.def}, {${namedText}} from '${m}';`);
        else if (e.def) lines.push(`import ${e.def} from '${m}';`);
        else if (named.length) lines.push(`import {${namedText}} from '${m}';`);
      } else {
        if (e.ns) lines.push(`const ${e.ns} = require('${m}');`);
        if (e.def) lines.push(`const ${e.def} = require('${m}');`);
        if (named.length) lines.push(`const {${namedText}} = require('${m}');`);
      }
    }
    for (const [m, names] of this.typeModules) lines.push(`import type { ${[...names].join(', ')} } from '${m}';`);
    return lines;
  }

  render(header) {
    const parts = [];
    if (header) parts.push(header);
    if (this.style === 'cjs' && this.strict) parts.push("'use strict';");
    const imports = this.renderImports();
    if (imports.length) parts.push(imports.join('\n'));
    if (this.decls.length) parts.push(this.decls.join('\n'));
    if (this.types.length) parts.push(this.types.join('\n\n'));
    if (this.helpers.length) parts.push(this.helpers.join('\n\n'));
    if (this.main.length) {
      // A doc comment entry sticks to the entry after it.
      let text = '';
      this.main.map(dedent).forEach((entry, i, all) => {
        text += entry;
        if (i < all.length - 1) text += /^\/\*\*[\s\S]*\*\/$/.test(entry) ? '\n' : '\n\n';
      });
      parts.push(text);
    }
    if (this.footer.length) parts.push(this.footer.join('\n'));
    return `${parts.join('\n\n').replace(/#\{/g, '${')}\n`;
  }
}
