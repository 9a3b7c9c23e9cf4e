/**
 * A small scanner over one line of HCL native syntax: enough to count brackets and find the attribute `=` the way
 * `terraform fmt` (hclwrite) does, while skipping quoted strings and comments.
 */

export interface LineShape {
  /** Opening brackets minus closing ones, template interpolations included. */
  readonly netBrackets: number;
  /**
   * Index of the line's first `=` (not `==`, `!=`, `<=`, `>=`, `=>`) when the brackets after it balance, so the line
   * takes part in `=` alignment; otherwise -1.
   */
  readonly assignAt: number;
}

const OPENERS = new Set(['{', '[', '(']);
const CLOSERS = new Set(['}', ']', ')']);

type Context = 'code' | 'string' | 'interp';

/** Scans `line`, starting outside any string. Unterminated strings end at the end of the line. */
export function scanLine(line: string): LineShape {
  const stack: Context[] = ['code'];
  /** Bracket depth inside each interpolation, to know which `}` ends it. */
  const interpDepth: number[] = [];
  let net = 0;
  let firstEqual = -1;
  let netAtEqual = 0;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    const ctx = stack[stack.length - 1];
    if (ctx === 'string') {
      if (ch === '\\') {
        i += 2;
        continue;
      }
      if ((ch === '$' || ch === '%') && line[i + 1] === ch && line[i + 2] === '{') {
        i += 3;
        continue;
      }
      if ((ch === '$' || ch === '%') && line[i + 1] === '{') {
        stack.push('interp');
        interpDepth.push(0);
        net += 1;
        i += 2;
        continue;
      }
      if (ch === '"') stack.pop();
      i += 1;
      continue;
    }
    if (ch === '"') {
      stack.push('string');
      i += 1;
      continue;
    }
    if (ch === '#' || (ch === '/' && line[i + 1] === '/')) break;
    if (OPENERS.has(ch)) {
      net += 1;
      if (ctx === 'interp') interpDepth[interpDepth.length - 1] += 1;
    } else if (CLOSERS.has(ch)) {
      net -= 1;
      if (ctx === 'interp') {
        if (interpDepth[interpDepth.length - 1] === 0) {
          stack.pop();
          interpDepth.pop();
        } else {
          interpDepth[interpDepth.length - 1] -= 1;
        }
      }
    } else if (ch === '=' && firstEqual === -1 && stack.length === 1 && isAssignment(line, i)) {
      firstEqual = i;
      netAtEqual = net;
    }
    i += 1;
  }
  const assignAt = firstEqual > 0 && net === netAtEqual ? firstEqual : -1;
  return { netBrackets: net, assignAt };
}

function isAssignment(line: string, i: number): boolean {
  const before = line[i - 1];
  const after = line[i + 1];
  return after !== '=' && after !== '>' && before !== '=' && before !== '!' && before !== '<' && before !== '>';
}
