/**
 * The HCL expression builders of the module: literals written by `hclLiteral` (HCL native) and by the harness's
 * Terraform JSON serialisation read back as the same values through real terraform.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { hclKey, hclLiteral, hclString, withoutNulls } from '../src/module/hcl';
import { expr, type Value } from '../src/module/types';
import { applyConfiguration, cleanup, describeWithTerraform, tempDir, toTerraformJson } from './support/terraform';

const tricky = ['', '${var.x}', '$${', '%{ if true }', '%%{', '"quoted"', 'back\\slash', 'tab\tnew\nline\r', '\u0001\u007f', 'ünï €', '😀', 'null', 'true'];
const text = fc.oneof(fc.constantFrom(...tricky), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ maxLength: 12 }));
const literal: fc.Arbitrary<Value> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.boolean(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(text.filter((k) => k.length > 0), tie('value'), { maxKeys: 3 }),
  ),
})).value as fc.Arbitrary<Value>;

const VALUES = fc.sample(literal, { seed: 7, numRuns: 60 });

/** terraform holds every string in Unicode normal form C. */
function nfc(value: Value): Value {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfc);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, Value>).map(([k, v]) => [k.normalize('NFC'), nfc(v)]));
  }
  return value;
}

test('hclKey quotes every key that is not a plain identifier, and the words HCL reads as literals', () => {
  expect(hclKey('name')).toBe('name');
  expect(hclKey('awslogs-group')).toBe('"awslogs-group"');
  expect(hclKey('com.datadoghq.tags.env')).toBe('"com.datadoghq.tags.env"');
  expect(hclKey('null')).toBe('"null"');
  expect(hclString('a${b}%{c}"\\\n')).toBe('"a$${b}%%{c}\\"\\\\\\n"');
});

describeWithTerraform('literals read back through terraform', () => {
  test('hclLiteral (HCL native) and the Terraform JSON form give back every value', async () => {
    const dir = tempDir('tf-hcl-literals-');
    try {
      const hcl = VALUES.map((v, i) => `output "h${i}" {\n  value = ${hclLiteral(v)}\n}\n`).join('\n');
      writeFileSync(join(dir, 'hcl.tf'), hcl);
      const output = Object.fromEntries(VALUES.map((v, i) => [`j${i}`, { value: toTerraformJson(v) }]));
      writeFileSync(join(dir, 'json.tf.json'), JSON.stringify({ output }));
      const { ok, outputs, diagnostics } = await applyConfiguration(dir);
      expect(diagnostics).toEqual([]);
      expect(ok).toBe(true);
      VALUES.forEach((v, i) => {
        expect({ i, value: outputs[`h${i}`] }).toEqual({ i, value: nfc(v) });
        expect({ i, value: outputs[`j${i}`] }).toEqual({ i, value: nfc(v) });
      });
    } finally {
      cleanup(dir);
    }
  });

  test('withoutNulls drops exactly the null attributes, and a multi-line expression works inside "${...}" of JSON', async () => {
    const dir = tempDir('tf-hcl-nulls-');
    try {
      mkdirSync(dir, { recursive: true });
      const object = withoutNulls('{\n  a = 1\n  b = null\n  c = [null]\n  d = { e = null }\n}');
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ output: { o: { value: toTerraformJson(expr(object)) } } }));
      const { outputs, diagnostics } = await applyConfiguration(dir);
      expect(diagnostics).toEqual([]);
      expect(outputs.o).toEqual({ a: 1, c: [null], d: { e: null } });
    } finally {
      cleanup(dir);
    }
  });
});
