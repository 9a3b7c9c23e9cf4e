/**
 * The locator on generated JSON texts: random nesting, keys and strings with escapes, quotes, backslashes and
 * brackets, any whitespace. The generator records where it wrote each key and item; the locator must find the same
 * line and column for every path, without parsing the text.
 */
import fc from 'fast-check';
import { locator } from '../src/compliance/locate';
import type { Segment } from '../src/compliance/types';

type Written = { text: string; at: Map<string, number> };

const piece = fc.constantFrom('a', 'Z', ' ', '"', '\\', '{', '}', '[', ']', ',', ':', '\n', '\u00e9', '\u65e5', '\ud83d\ude00', '\\"', '\\\\');
const str = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
const ws = fc.constantFrom('', ' ', '\n', '\n  ', '\t', '\r\n    ');
type Tree = string | number | boolean | null | Tree[] | { [k: string]: Tree };
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    str,
    fc.integer(),
    fc.constant(null),
    fc.boolean(),
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(str, tie('tree'), { maxKeys: 4 }),
  ),
}));

/** Writes `value` with whitespace from `spaces`, recording the offset of every key and item under its path. */
function write(value: Tree, spaces: readonly string[]): Written {
  let text = '';
  let n = 0;
  const space = () => spaces[n++ % spaces.length];
  const at = new Map<string, number>();
  const go = (v: Tree, path: Segment[]) => {
    if (Array.isArray(v)) {
      text += `[${space()}`;
      v.forEach((item, i) => {
        if (i > 0) text += `${space()},${space()}`;
        at.set(JSON.stringify([...path, i]), text.length);
        go(item, [...path, i]);
      });
      text += `${space()}]`;
    } else if (v !== null && typeof v === 'object') {
      text += `{${space()}`;
      Object.keys(v).forEach((k, i) => {
        if (i > 0) text += `${space()},${space()}`;
        at.set(JSON.stringify([...path, k]), text.length);
        text += `${JSON.stringify(k)}${space()}:${space()}`;
        go(v[k], [...path, k]);
      });
      text += `${space()}}`;
    } else text += JSON.stringify(v);
  };
  go(value, []);
  return { text, at };
}

function position(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

test('every key and item of a generated text is found where it was written', () => {
  fc.assert(
    fc.property(tree, fc.array(ws, { minLength: 1, maxLength: 5 }), (value, spaces) => {
      const { text, at } = write(value, spaces);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      const locate = locator(text);
      // in a random order: each container is scanned once, whichever path reaches it first
      const paths = [...at.keys()].sort((a, b) => (a.length * 7919) % 13 - (b.length * 7919) % 13);
      for (const p of paths) expect([p, locate(JSON.parse(p) as Segment[])]).toEqual([p, position(text, at.get(p)!)]);
      // with the parsed document, which lets a missing key end the walk without a scan: the same positions
      const withDocument = locator(text, JSON.parse(text));
      for (const p of paths) {
        const segments = JSON.parse(p) as Segment[];
        expect([p, withDocument(segments)]).toEqual([p, position(text, at.get(p)!)]);
        for (const missing of [[...segments, 'no such key'], [...segments, 99], ['no such key', ...segments]] as Segment[][]) {
          expect([missing, withDocument(missing)]).toEqual([missing, locate(missing)]);
        }
      }
    }),
    { numRuns: 1500, seed: 20261202 },
  );
});
