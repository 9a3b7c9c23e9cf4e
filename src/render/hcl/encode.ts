/**
 * The one HCL literal encoder. Every literal that reaches an HCL file goes through here, so no value from a config
 * can become a template, an expression or broken syntax. Expressions (`Expr`) are the only text written verbatim.
 */
import { isExpr, type Value } from '../../module/types';
import { alignAttributes, indentation, layoutExpression } from './layout';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words that, written bare as an object key, would not be read as a literal key. */
const RESERVED_KEYS = new Set(['for', 'if', 'in', 'true', 'false', 'null']);

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** C0 and C1 control characters, DEL, and the Unicode line and paragraph separators. */
function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f) || codePoint === 0x2028 || codePoint === 0x2029;
}

/**
 * A quoted HCL string whose value is exactly `text`: `\` `"` newline CR tab escaped, other control characters as
 * `\uNNNN`, and the template introducers `${` and `%{` doubled to `$${` and `%%{`. Terraform normalises every string to
 * Unicode NFC, so a decomposed input comes back composed.
 */
export function encodeString(text: string, escapeJoining = false): string {
  let body = '';
  for (const ch of text) {
    const codePoint = ch.codePointAt(0) as number;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
      throw new Error(`cannot write a lone UTF-16 surrogate (U+${hex4(codePoint)}) into HCL: the text is not valid Unicode`);
    }
    const simple = SIMPLE_ESCAPES[ch];
    if (simple !== undefined) body += simple;
    else if (isControl(codePoint) || (escapeJoining && codePoint > 0x7f && joinsGraphemes(ch))) body += unicodeEscape(codePoint);
    else body += ch;
  }
  return `"${body.replace(/([$%])\{/g, (_match, introducer: string) => `${introducer}${introducer}{`)}"`;
}

function hex4(codePoint: number): string {
  return codePoint.toString(16).toUpperCase().padStart(4, '0');
}

/** HCL's `\uNNNN` or, above the BMP, `\UNNNNNNNN`. */
function unicodeEscape(codePoint: number): string {
  return codePoint > 0xffff ? `\\U${codePoint.toString(16).toUpperCase().padStart(8, '0')}` : `\\u${hex4(codePoint)}`;
}

/**
 * Characters that may form one grapheme cluster with a neighbour (UAX #29): everything that is not a grapheme base
 * (combining marks, joiners, variation selectors, format and unassigned characters), spacing marks, emoji
 * modifiers, regional indicators, Hangul jamo, and the letters of the Prepend class.
 */
const JOINING = /[^\p{Grapheme_Base}]|\p{gc=Mc}|\p{Emoji_Modifier}|\p{Regional_Indicator}|[\u0E33\u0EB3\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u0D4E\u{111C2}\u{111C3}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}]/u;

function joinsGraphemes(ch: string): boolean {
  return JOINING.test(ch);
}

export function encodeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} into HCL: only finite numbers exist in HCL`);
  return String(value);
}

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * An object key: bare when it is a plain identifier, quoted (and escaped) otherwise. `terraform fmt` aligns `=` by
 * the key's width in grapheme clusters, counted by the Unicode version its Go library was built with; a key writes
 * every character that could join a neighbour into one cluster as a `\u` escape (the same string to Terraform), so
 * each character left is one cluster in every Unicode version and the width is its length in code points.
 */
export function encodeKey(key: string): string {
  return isIdentifier(key) && !RESERVED_KEYS.has(key) ? key : encodeString(key, true);
}

/** An argument or block type name, which HCL requires to be an identifier. */
export function attributeName(name: string): string {
  if (!isIdentifier(name)) throw new Error(`"${name}" is not a valid HCL argument name`);
  return name;
}

/**
 * Any value at nesting `depth` (0 = top level of a file): literals are encoded, expressions laid out. The first line is
 * meant to follow `name = `; later lines carry their full indentation.
 */
export function encodeValue(value: Value, depth: number): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return encodeString(value);
  if (typeof value === 'number') return encodeNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (isExpr(value)) return layoutExpression(value.expr, depth);
  if (isList(value)) return encodeList(value, depth);
  return encodeObject(value, depth);
}

function isList(value: Value): value is readonly Value[] {
  return Array.isArray(value);
}

/** Lists of one-line items stay on one line; others get one item per line with a trailing comma. */
function encodeList(items: readonly Value[], depth: number): string {
  if (items.length === 0) return '[]';
  const encoded = items.map((item) => encodeValue(item, depth + 1));
  const inline = encoded.every((text, i) => !text.includes('\n') && !isNonEmptyObject(items[i]));
  if (inline) return `[${encoded.join(', ')}]`;
  const inner = indentation(depth + 1);
  return ['[', ...encoded.map((text) => `${inner}${text},`), `${indentation(depth)}]`].join('\n');
}

function isNonEmptyObject(value: Value): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isExpr(value) && Object.keys(value).length > 0;
}

/** Objects: one attribute per line, `=` aligned; the empty object is `{}`. */
function encodeObject(object: { readonly [key: string]: Value }, depth: number): string {
  const keys = Object.keys(object);
  if (keys.length === 0) return '{}';
  const lines = encodeAttributeLines(
    keys.map((key) => ({ key: encodeKey(key), value: object[key] })),
    depth + 1,
  );
  return ['{', ...lines, `${indentation(depth)}}`].join('\n');
}

/** Attribute lines (`key = value`, `=` aligned) of a body at `depth`; keys must already be encoded. */
export function encodeAttributeLines(attributes: readonly { key: string; value: Value }[], depth: number): string[] {
  const inner = indentation(depth);
  return alignAttributes(attributes.map((a) => ({ key: a.key, value: encodeValue(a.value, depth) }))).map(
    (a) => `${inner}${a.lhs} = ${a.rhs}`,
  );
}
