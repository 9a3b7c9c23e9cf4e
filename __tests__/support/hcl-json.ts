/**
 * hcl2json answers in Terraform JSON form, where a literal `${`/`%{` is `$${`/`%%{`; anything else is a template.
 * Returns the literal text, or throws when the text holds an expression or directive.
 */
export function decodeJsonTemplate(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (text.startsWith('$${', i) || text.startsWith('%%{', i)) {
      out += `${text[i]}{`;
      i += 3;
    } else if (text.startsWith('${', i) || text.startsWith('%{', i)) {
      throw new Error(`an expression or directive in ${JSON.stringify(text)}`);
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}
