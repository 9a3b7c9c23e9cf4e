/**
 * The layout rules of `terraform fmt` (hclwrite) that the templates must follow to produce canonical files:
 * two spaces per bracket level, and `=` aligned across consecutive single-line attributes.
 */
import { scanLine } from './scan';

const INDENT = '  ';

export function indentation(depth: number): string {
  return INDENT.repeat(depth);
}

/**
 * Width of a key as hclwrite counts it (grapheme clusters): its length in code points, since `encodeKey` escapes
 * every character that could join a neighbour. Linear in the length.
 */
export function columns(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) count += 1; // a low surrogate completes the code point its high one counted
  }
  return count;
}

/** An attribute whose value is already encoded; the value's later lines carry their own indentation. */
export interface EncodedAttribute {
  readonly key: string;
  readonly value: string;
}

/** An attribute ready for a template: `<lhs> = <rhs>`, where `lhs` is the key padded for alignment. */
export interface AlignedAttribute {
  readonly lhs: string;
  readonly rhs: string;
}

/**
 * Pads keys so that `=` lines up across each run of consecutive attributes whose value fits on its line; a value that
 * opens a bracket it does not close on the same line ends the run, as in hclwrite.
 */
export function alignAttributes(attributes: readonly EncodedAttribute[]): AlignedAttribute[] {
  const aligned: AlignedAttribute[] = [];
  let run: EncodedAttribute[] = [];
  const flush = (): void => {
    const width = Math.max(0, ...run.map((a) => columns(a.key)));
    for (const a of run) aligned.push({ lhs: a.key + ' '.repeat(width - columns(a.key)), rhs: a.value });
    run = [];
  };
  for (const a of attributes) {
    const firstLine = a.value.split('\n', 1)[0];
    if (scanLine(`${a.key} = ${firstLine}`).assignAt >= 0) {
      run.push(a);
    } else {
      flush();
      aligned.push({ lhs: a.key, rhs: a.value });
    }
  }
  flush();
  return aligned;
}

/**
 * Lays out an expression written as HCL text for a place at `depth`: the first line stays where it is put, every
 * later line is re-indented by its bracket level (hclwrite's indent stack) and `=` is aligned across runs of lines.
 */
export function layoutExpression(text: string, depth: number): string {
  const lines = text.split('\n').map((line) => line.trim());
  if (lines.length === 1) return lines[0];
  const stack: number[] = [];
  const levels: number[] = [0];
  const first = scanLine(lines[0]).netBrackets;
  if (first > 0) stack.push(first);
  for (const line of lines.slice(1)) {
    if (line === '') {
      levels.push(0);
      continue;
    }
    const net = scanLine(line).netBrackets;
    if (net > 0) {
      levels.push(stack.length);
      stack.push(net);
      continue;
    }
    let closed = -net;
    while (closed > 0 && stack.length > 0) {
      const top = stack[stack.length - 1];
      if (closed >= top) {
        closed -= top;
        stack.pop();
      } else {
        stack[stack.length - 1] = top - closed;
        closed = 0;
      }
    }
    levels.push(stack.length);
  }
  const body = alignLines(lines.slice(1));
  return [lines[0], ...body.map((line, i) => (line === '' ? '' : indentation(depth + levels[i + 1]) + line))].join('\n');
}

/** Aligns `=` across runs of consecutive lines that are single-line attributes (lines given without indentation). */
function alignLines(lines: readonly string[]): string[] {
  const out = [...lines];
  let start = 0;
  while (start < lines.length) {
    const shapes: { index: number; lead: string; rest: string }[] = [];
    let i = start;
    for (; i < lines.length; i++) {
      const at = lines[i] === '' ? -1 : scanLine(lines[i]).assignAt;
      if (at < 0) break;
      shapes.push({ index: i, lead: lines[i].slice(0, at).trimEnd(), rest: lines[i].slice(at + 1).trimStart() });
    }
    const width = Math.max(0, ...shapes.map((s) => columns(s.lead)));
    for (const s of shapes) out[s.index] = `${s.lead}${' '.repeat(width - columns(s.lead))} = ${s.rest}`;
    start = i === start ? i + 1 : i;
  }
  return out;
}
