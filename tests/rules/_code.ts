/**
 * `dedent` template tag for test code: drops the first line break and the common indentation, so
 * `line`/`column` in a case count from the first line of the snippet as it reads in the test file.
 * Uses cooked strings: write `\${x}` and `\`` for the snippet's own templates, `\\` for a backslash.
 */
export function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += String(value) + (strings[i + 1] ?? '');
  });
  const lines = text.replace(/^\r?\n/, '').replace(/\n[ \t]*$/, '').split('\n');
  const indents = lines.filter((l) => l.trim().length > 0).map((l) => /^[ \t]*/.exec(l)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return `${lines.map((l) => l.slice(common)).join('\n')}\n`;
}
