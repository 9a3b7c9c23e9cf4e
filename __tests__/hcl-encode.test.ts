import { parse } from '@cdktf/hcl2json';
import { expr } from '../src/module/types';
import { encodeKey, encodeNumber, encodeString, encodeValue } from '../src/render/hcl/encode';
import { decodeJsonTemplate } from './support/hcl-json';

async function roundTrip(value: string): Promise<unknown> {
  const parsed = await parse('x.tf', `locals {\n  v = ${encodeString(value)}\n}\n`);
  return decodeJsonTemplate(parsed.locals[0].v);
}

describe('encodeString', () => {
  it.each([
    ['plain', 'hello', '"hello"'],
    ['quote and backslash', 'a"b\\c', '"a\\"b\\\\c"'],
    ['newline, CR, tab', 'a\nb\rc\td', '"a\\nb\\rc\\td"'],
    ['other control characters', '\u0000\u001b\u007f\u0085', '"\\u0000\\u001B\\u007F\\u0085"'],
    ['interpolation', '${var.x}', '"$${var.x}"'],
    ['directive', '%{ if true }', '"%%{ if true }"'],
    ['already escaped interpolation', '$${x}', '"$$${x}"'],
    ['lone dollar and percent', '$ % $$ %%', '"$ % $$ %%"'],
    ['astral character', 'a😀b', '"a😀b"'],
  ])('%s', async (_name, input, expected) => {
    expect(encodeString(input)).toBe(expected);
    expect(await roundTrip(input)).toBe(input);
  });

  it('refuses a lone surrogate', () => {
    expect(() => encodeString('a\ud800b')).toThrow(/surrogate/);
  });
});

describe('encodeNumber and encodeKey', () => {
  it('writes numbers as HCL reads them and refuses non-finite ones', () => {
    expect(encodeNumber(42)).toBe('42');
    expect(encodeNumber(-1.5)).toBe('-1.5');
    expect(encodeNumber(1e21)).toBe('1e+21');
    expect(() => encodeNumber(Number.NaN)).toThrow(/finite/);
    expect(() => encodeNumber(Infinity)).toThrow(/finite/);
  });

  it('leaves identifiers bare and quotes everything else', () => {
    expect(encodeKey('name')).toBe('name');
    expect(encodeKey('awslogs-group')).toBe('"awslogs-group"');
    expect(encodeKey('com.datadoghq.tags.env')).toBe('"com.datadoghq.tags.env"');
    expect(encodeKey('for')).toBe('"for"');
    expect(encodeKey('null')).toBe('"null"');
    expect(encodeKey('${x}')).toBe('"$${x}"');
  });
});

describe('encodeValue', () => {
  it('writes scalars, lists and objects', () => {
    expect(encodeValue(null, 0)).toBe('null');
    expect(encodeValue(true, 0)).toBe('true');
    expect(encodeValue([], 0)).toBe('[]');
    expect(encodeValue({}, 0)).toBe('{}');
    expect(encodeValue(['a', 1, false, null], 0)).toBe('["a", 1, false, null]');
    expect(encodeValue({ a: 1, 'long-key': 'x' }, 1)).toBe('{\n    a          = 1\n    "long-key" = "x"\n  }');
  });

  it('puts lists of objects one per line', () => {
    expect(encodeValue([{ name: 'a' }], 0)).toBe('[\n  {\n    name = "a"\n  },\n]');
  });

  it('ends an alignment run at a multi-line value', () => {
    expect(encodeValue({ a: 1, nested: { x: 1 }, bb: 2, c: 3 }, 0)).toBe('{\n  a = 1\n  nested = {\n    x = 1\n  }\n  bb = 2\n  c  = 3\n}');
  });

  it('writes expressions verbatim and re-indents their later lines', () => {
    expect(encodeValue(expr('var.name'), 3)).toBe('var.name');
    expect(encodeValue({ v: expr('{\nfor k, v in var.m : k => v\n}') }, 1)).toBe('{\n    v = {\n      for k, v in var.m : k => v\n    }\n  }');
  });

  it('aligns attributes inside a multi-line expression', () => {
    expect(encodeValue(expr('{\na = 1\nlonger = var.x\n}'), 0)).toBe('{\n  a      = 1\n  longer = var.x\n}');
  });
});
