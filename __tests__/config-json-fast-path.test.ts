/**
 * A valid JSON config is read with JSON.parse instead of the YAML parser. Whatever the text, parseConfig must give
 * what the YAML path gives: the same value for a valid config, the same error (lines included) for anything else.
 */
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { EMBEDDED_DEFAULT_CONFIG } from '../src/config/defaults';
import { parseJsonObject } from '../src/config/json-fast-path';
import { parseConfig, parseConfigWithYaml } from '../src/config/load';
import { APP_CONFIG } from './support/configs';
import { repoPath } from './helpers/cli';

const examples = fs.readdirSync(repoPath('examples')).filter((f) => /\.ya?ml$/.test(f));
const exampleConfigs = examples.map((f) => parse(fs.readFileSync(repoPath('examples', f), 'utf8')) as Record<string, unknown>);
const CORPUS = path.join(__dirname, 'fixtures', 'bad-configs');

/** The outcome of a read: the value, or the error's message and problems. */
function outcome(read: () => unknown): unknown {
  try {
    return { value: read() };
  } catch (err) {
    const e = err as Error & { problems?: unknown };
    return { error: e.message, problems: e.problems };
  }
}

const same = (text: string) => expect(outcome(() => parseConfig(text, 'c.json'))).toEqual(outcome(() => parseConfigWithYaml(text, 'c.json')));

describe('the JSON fast path', () => {
  test.each([...examples.map((f, i) => [f, exampleConfigs[i]] as const), ['the embedded default', EMBEDDED_DEFAULT_CONFIG] as const, ['APP_CONFIG', APP_CONFIG] as const])(
    '%s as JSON reads as through YAML, compact and indented',
    (_, config) => {
      for (const text of [JSON.stringify(config), JSON.stringify(config, null, 2), `\ufeff${JSON.stringify(config, null, 4)}\n`]) {
        expect(parseJsonObject(text.replace(/^\ufeff/, ''))).toBeDefined();
        same(text);
      }
    },
  );

  test('every file of the bad-config corpus, and the JSON of each example with one key written twice, gives the YAML path\'s error', () => {
    const files = fs.readdirSync(CORPUS).filter((n) => n !== 'expected.json' && fs.statSync(path.join(CORPUS, n)).isFile());
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(CORPUS, f));
      const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      same(text);
    }
    for (const config of exampleConfigs) {
      const text = JSON.stringify(config, null, 2);
      // the same key twice in one mapping: JSON.parse keeps the last silently, the YAML path refuses it with its line
      const twice = text.replace('"name": ', '"name": "first",\n  "name": ');
      expect(parseJsonObject(twice)).toBeUndefined();
      expect(JSON.stringify(outcome(() => parseConfig(twice, 'c.json')))).toMatch(/line \d+, column \d+.*duplicate key/);
      same(twice);
    }
  });

  test('keys and strings that look like JSON structure, escapes, __proto__ and Unicode read the same', () => {
    const env = { '__proto__': 'p', 'A\\"B': 'x":{', 'C': '"key": 1', 'D': '\u00e9e\u0301\u2028', 'E_\u65e5': '\\\\"' };
    const config = { ...APP_CONFIG, containers: [{ ...APP_CONFIG.containers![0], environment: env }] };
    const text = JSON.stringify(config, null, 2);
    same(text);
    expect(parseJsonObject(text)).toBeDefined();
  });

  test('on generated configs and texts, valid or not, parseConfig is the YAML path', () => {
    const value = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(
        fc.constantFrom(...exampleConfigs, APP_CONFIG as Record<string, unknown>),
        fc.array(fc.tuple(fc.constantFrom('name', 'region', 'cpu', 'memory', 'tags', 'extra', '"q"'), value), { maxLength: 3 }),
        fc.constantFrom(0, 2),
        (base, edits, indent) => {
          const config: Record<string, unknown> = JSON.parse(JSON.stringify(base));
          for (const [k, v] of edits) config[k] = v;
          same(JSON.stringify(config, null, indent));
        },
      ),
      { numRuns: 300, seed: 20261202 },
    );
    fc.assert(
      fc.property(fc.json(), (text) => same(text)),
      { numRuns: 300, seed: 20261202 },
    );
  });
});
