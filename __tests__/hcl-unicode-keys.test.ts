/**
 * Map keys whose grapheme clusters are hard to count (Devanagari conjuncts, leading combining marks, joiners,
 * variation selectors, Prepend letters, flags, jamo): the `=` alignment equals hclwrite's (`@cdktf/hcl-tools`
 * format() is hclwrite, `terraform fmt`), the key reaches Terraform as the same string, and rendering is linear in
 * the key length.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { format } from '@cdktf/hcl-tools';
import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { resolveConfig } from '../src/config/defaults';
import type { Value } from '../src/module/types';
import { renderFormat } from '../src/output/render-set';
import { encodeAttributeLines, encodeKey } from '../src/render/hcl/encode';
import { APP_CONFIG } from './support/configs';
import { describeWithTerraform } from './support/terraform';
import { removeTempDirs, tempDir } from './helpers/cli';

afterAll(removeTempDirs);

const HARD_KEYS = [
  'क्षेत्र', // Devanagari conjuncts: one cluster per conjunct in Unicode 15.1+, more in hclwrite's Unicode 15.0
  'क्‍ष', // with a ZWJ inside
  '\u0301start', // a combining mark first
  '\u200Dzwj',
  '\uFE0Fvs16',
  'x\uFE0F',
  '\u0D4Eprepend', // a Prepend letter joins the next character
  'ends\u0600', // a Prepend format character before the closing quote
  '🇯🇵🇫🇷🇩', // regional indicators, pairs and one alone
  '👍🏽', // an emoji modifier
  '👩‍👩‍👧',
  '\u1100\u1161\u11A8\u11A8', // Hangul jamo L V T T (NFC composes the first three)
  '\u1100x', // a lone leading jamo
  '한국어',
  'กำ', // Thai SARA AM (a spacing mark)
  'é',
  '日本',
  'a',
].map((k) => k.normalize('NFC')); // as the config loader gives them

/** An object of `keys` inside a locals block, as the templates write it. */
function localsWith(keys: readonly string[]): string {
  const object: Record<string, Value> = {};
  keys.forEach((k, i) => (object[k] = `v${i}`));
  return `locals {\n${encodeAttributeLines([{ key: 'm', value: object }, { key: 'after', value: 1 }], 1).join('\n')}\n}\n`;
}

async function decodedKeys(text: string): Promise<string[]> {
  const json = (await parse('main.tf', text)) as { locals: { m: Record<string, string> }[] };
  return Object.keys(json.locals[0].m);
}

describe('item 14: alignment of Unicode keys equals hclwrite', () => {
  test.each(HARD_KEYS)('%s, alone and beside a short and a long key', async (key) => {
    for (const keys of [[key], [key, 'z9'], ['a_much_longer_key_than_any', key]]) {
      const text = localsWith(keys);
      expect(await format(text)).toBe(text);
      expect((await decodedKeys(text)).sort()).toEqual([...keys].sort());
    }
  });

  test('all of them in one object', async () => {
    const text = localsWith(HARD_KEYS);
    expect(await format(text)).toBe(text);
  });

  test('readable keys stay readable: only joining characters are escaped', () => {
    expect(encodeKey('日本')).toBe('"日本"');
    expect(encodeKey('한국어')).toBe('"한국어"');
    expect(encodeKey('é')).toBe('"é"');
    expect(encodeKey('क्ष')).toBe('"क\\u094Dष"');
    expect(encodeKey('👍🏽')).toBe('"👍\\U0001F3FD"');
  });

  const codePoint = fc.oneof(
    fc.integer({ min: 0x20, max: 0x7e }),
    fc.integer({ min: 0x0300, max: 0x036f }), // combining marks
    fc.integer({ min: 0x0900, max: 0x097f }), // Devanagari
    fc.integer({ min: 0x0e00, max: 0x0e7f }), // Thai
    fc.integer({ min: 0x1100, max: 0x11ff }), // Hangul jamo
    fc.integer({ min: 0xac00, max: 0xac40 }), // Hangul syllables
    fc.constantFrom(0x200c, 0x200d, 0xfe0e, 0xfe0f, 0x0600, 0x0d4e, 0x111c2, 0x1f3fb, 0x1f600, 0x1f1ef, 0x1f1f5, 0x00ad, 0x2028, 0xe0001),
    fc.integer({ min: 0x1f300, max: 0x1f6ff }), // pictographs
    fc.integer({ min: 0x10000, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff),
  );
  const unicodeKey = fc.array(codePoint, { minLength: 1, maxLength: 8 }).map((cps) => String.fromCodePoint(...cps).normalize('NFC'));

  test('any key of such characters (property, fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(unicodeKey, { minLength: 1, maxLength: 5 }), async (keys) => {
        const text = localsWith(keys);
        expect(await format(text)).toBe(text);
        expect((await decodedKeys(text)).sort()).toEqual([...keys].sort());
      }),
      { numRuns: 300, seed: 1412 },
    );
  });
});

describe('item 12: HCL rendering is linear in the key length', () => {
  test('a key 8 times longer takes at most about 8 times as long (not 64)', async () => {
    const time = async (length: number) => {
      const config = resolveConfig({ ...APP_CONFIG, tags: { ['k\u0301'.repeat(length / 2)]: 'v', ['日'.repeat(length)]: 'w' } });
      const start = process.hrtime.bigint();
      await renderFormat('hcl', config);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    await time(1000); // warm up
    const short = Math.max(await time(25_000), 5);
    const long = await time(200_000);
    expect(long / short).toBeLessThan(24);
  });
});

describeWithTerraform('item 14: terraform fmt -check on a generated module with Unicode tag keys', () => {
  test('passes, and terraform reads the keys back unchanged', async () => {
    const tags = Object.fromEntries(HARD_KEYS.map((k, i) => [k, `value-${i}`]));
    const files = await renderFormat('hcl', resolveConfig({ ...APP_CONFIG, tags, datadog: { ...APP_CONFIG.datadog, tags } }));
    const dir = tempDir();
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    const env = { ...process.env, CHECKPOINT_DISABLE: '1' };
    expect(() => execFileSync('terraform', ['fmt', '-check', '-recursive', '-diff', dir], { env, stdio: 'pipe' })).not.toThrow();
  });
});
