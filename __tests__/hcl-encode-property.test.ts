import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { encodeValue } from '../src/render/hcl/encode';
import { decodeJsonTemplate } from './support/hcl-json';

/** Pieces that matter to HCL quoting and templates, mixed with arbitrary Unicode. */
const PIECES = [
  '"', '\\', '\\\\', '\\n', '\\u0041', '$', '$$', '%', '%%', '{', '}', '${', '%{', '$${', '%%{', '$$${', '${var.x}',
  '%{ if true }x%{ endif }', '~}', '%{~', '${~', '~', '\n', '\r', '\r\n', '\t', '\u0000', '\u0001', '\u001b', '\u001f',
  '\u007f', '\u0085', '\u009f', '\u00a0', '\u2028', '\u2029', '\ufeff', 'é', 'e\u0301', '日本', '😀', '\u{10ffff}',
  '<<EOF', '#', '//', '/*', '*/', ' ', '=', ',',
];

const adversarialString = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...PIECES) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
    ),
    { maxLength: 12 },
  )
  .map((pieces) => pieces.join(''));

const BATCH = 250;
const RUNS = 48;

describe('HCL string encoding, property', () => {
  it(`round-trips ${BATCH * RUNS} adversarial strings as values and as object keys`, async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(adversarialString, { minLength: BATCH, maxLength: BATCH }), async (values) => {
        const keys = [...new Map(values.map((v) => [v.normalize('NFC'), v])).values()];
        const object = Object.fromEntries(keys.map((k, i) => [k, i]));
        const source = `locals {\n  values = ${encodeValue(values, 1)}\n  keyed = ${encodeValue(object, 1)}\n}\n`;
        const local = (await parse('property.tf', source)).locals[0];
        const decodedValues = (local.values as string[]).map(decodeJsonTemplate);
        expect(decodedValues).toEqual(values.map((v) => v.normalize('NFC')));
        const decodedKeys = Object.entries(local.keyed as Record<string, number>).map(([k, i]) => [decodeJsonTemplate(k), i]);
        expect(decodedKeys.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual(keys.map((k, i) => [k.normalize('NFC'), i]));
        checked += values.length;
      }),
      { numRuns: RUNS, seed: 20261128 },
    );
    expect(checked).toBeGreaterThanOrEqual(10_000);
  });
});

describe('HCL string encoding, evaluated by terraform', () => {
  it('gives terraform back 10000 adversarial strings exactly (NFC), as values and as keys', () => {
    const values = fc.sample(adversarialString, { numRuns: 10_000, seed: 7 });
    const keys = [...new Map(values.map((v) => [v.normalize('NFC'), v])).values()];
    const object = Object.fromEntries(keys.map((k, i) => [k, i]));
    const dir = mkdtempSync(join(tmpdir(), 'hcl-encode-'));
    try {
      writeFileSync(join(dir, 'main.tf'), `locals {\n  values = ${encodeValue(values, 1)}\n  keyed = ${encodeValue(object, 1)}\n}\n`);
      const run = (expression: string): unknown => {
        const out = execFileSync('terraform', ['console'], {
          cwd: dir,
          input: `base64encode(jsonencode(${expression}))\n`,
          env: { ...process.env, CHECKPOINT_DISABLE: '1' },
          encoding: 'utf8',
          stdio: ['pipe', 'pipe', 'ignore'],
        });
        return JSON.parse(Buffer.from(JSON.parse(out.trim()) as string, 'base64').toString('utf8'));
      };
      expect(run('local.values')).toEqual(values.map((v) => v.normalize('NFC')));
      expect(run('local.keyed')).toEqual(Object.fromEntries(keys.map((k, i) => [k.normalize('NFC'), i])));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
