import fc from 'fast-check';
import { EMBEDDED_DEFAULT_CONFIG } from '../src/config/defaults';
import { parseConfig } from '../src/config/load';
import { validateConfig } from '../src/config/validate';
import { UserError } from '../src/errors';

const hexKey = fc.stringMatching(/^[0-9a-f]{32}$/);

test('any parsed value: validateConfig never throws and every problem has a path and a message', () => {
  fc.assert(
    fc.property(fc.anything({ withNullPrototype: false }), (raw) => {
      for (const p of validateConfig(raw)) {
        expect(p.path.length).toBeGreaterThan(0);
        expect(p.message.length).toBeGreaterThan(0);
      }
    }),
    { numRuns: 300 },
  );
});

test('a valid config with random extra keys and values is refused, and an API key placed anywhere is never echoed', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('name', 'region', 'tags', 'datadog', 'containers', 'network'),
      fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in EMBEDDED_DEFAULT_CONFIG)),
      hexKey,
      (where, extraKey, key) => {
        const raw: Record<string, unknown> = { ...EMBEDDED_DEFAULT_CONFIG, [extraKey]: 1 };
        raw[where] = where === 'containers' ? [{ name: 'web', image: 'app:1', environment: { SOME: key } }] : key;
        const problems = validateConfig(raw);
        expect(problems.length).toBeGreaterThan(0);
        expect(JSON.stringify(problems).toLowerCase()).not.toContain(key);
      },
    ),
    { numRuns: 200 },
  );
});

test('random text: parseConfig either returns a config or throws a UserError, never anything else', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      try {
        parseConfig(text, 'fuzz.yaml');
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
      }
    }),
    { numRuns: 500 },
  );
});
