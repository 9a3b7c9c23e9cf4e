import { format } from '@cdktf/hcl-tools';
import fc from 'fast-check';
import { expr, type Value } from '../src/module/types';
import { encodeAttributeLines } from '../src/render/hcl/encode';
import { layoutExpression } from '../src/render/hcl/layout';
import { scanLine } from '../src/render/hcl/scan';

/** A locals block holding `values`, as the templates write one. */
function localsBlock(values: Record<string, Value>): string {
  const lines = encodeAttributeLines(
    Object.keys(values).map((key) => ({ key, value: values[key] })),
    1,
  );
  return `locals {\n${lines.join('\n')}\n}\n`;
}

const key = fc.oneof(
  fc.constantFrom('a', 'name', 'longer_name', 'x1', 'awslogs-group', 'com.datadoghq.tags.env', 'for', 'null', '${k}', 'é', 'e\u0301', '日本', '😀😀', '👩‍👩‍👧', 'tab\there', 'q"uote', 'back\\slash', '\u0001'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
);

const scalar: fc.Arbitrary<Value> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.integer({ min: -1000, max: 100000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(expr('var.name'), expr('local.x[0]'), expr('length(var.list) > 0 ? var.list : null')),
);

/** Nested lists and objects of scalars and expressions, some of them multi-line. */
const value: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

const identifier = fc.stringMatching(/^[a-z][a-z0-9_]{0,14}$/);

describe('canonical layout', () => {
  it('writes nested literals exactly as terraform fmt would', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(identifier, value, { minKeys: 1, maxKeys: 6 }), async (values) => {
        const text = localsBlock(values);
        expect(await format(text)).toBe(text);
      }),
      { numRuns: 200, seed: 4242 },
    );
  });

  it('re-indents multi-line expressions by bracket level and aligns their attributes', async () => {
    const messy = expr('merge({\n        a = 1\n   longer = var.x\n  list = [\n1,\n  2,\n      ]\n}, {\nb = { for k, v in var.m : k => v }\n})');
    const text = localsBlock({ combined: messy, after: 1, after_longer: 'x' });
    expect(await format(text)).toBe(text);
    expect(text).toContain('\n    a      = 1\n');
  });

  it('follows hclwrite for a line that closes and opens brackets', async () => {
    const text = localsBlock({ pair: expr('merge({\na = 1\n}, {\nb = 2\n})') });
    expect(await format(text)).toBe(text);
  });
});

describe('scanLine', () => {
  it('counts brackets outside strings and inside interpolations', () => {
    expect(scanLine('x = [for c in var.l : {').netBrackets).toBe(2);
    expect(scanLine('"}}]]" = "${f(x)}"').netBrackets).toBe(0);
    expect(scanLine('a = "$${" # {').netBrackets).toBe(0);
  });

  it('finds the assignment = only when the rest of the line balances', () => {
    expect(scanLine('name = var.x').assignAt).toBe(5);
    expect(scanLine('name = {').assignAt).toBe(-1);
    expect(scanLine('a == b').assignAt).toBe(-1);
    expect(scanLine('k => v').assignAt).toBe(-1);
    expect(scanLine('"a=b" = 1').assignAt).toBe(6);
  });
});

describe('layoutExpression', () => {
  it('keeps one-line expressions verbatim', () => {
    expect(layoutExpression('  var.x  ', 2)).toBe('var.x');
  });
});
