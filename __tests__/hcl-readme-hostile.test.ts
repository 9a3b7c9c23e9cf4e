/**
 * Item 16: config values in the module README (input defaults, usage) show as themselves: no Markdown formed from
 * them, no backslash lost, no code fence closed early, and terraform-docs' markers only where the README puts them.
 */
import { resolveConfig } from '../src/config/defaults';
import { renderFormat } from '../src/output/render-set';
import { BEGIN_TF_DOCS, cellCode, END_TF_DOCS, htmlCode } from '../src/render/hcl/docs';
import { APP_CONFIG } from './support/configs';

const HOSTILE = {
  link: '[click](https://example.com)',
  emphasis: '*bold* _under_ ~~gone~~',
  backslashes: 'C:\\path\\\\share \\* \\_',
  pipe: 'a|b',
  code: 'x ``` y ` z',
  html: '<img src=x onerror=alert(1)> &amp;',
  begin: BEGIN_TF_DOCS,
  end: END_TF_DOCS,
};

/** What a Markdown renderer shows for text with backslash escapes (the only Markdown left in an escaped cell). */
function unescapeMarkdown(text: string): string {
  return text
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');
}

async function readme(): Promise<string> {
  const config = resolveConfig({ ...APP_CONFIG, tags: HOSTILE, datadog: { ...APP_CONFIG.datadog, tags: HOSTILE } });
  return (await renderFormat('hcl', config))['README.md'];
}

describe('README with hostile config values', () => {
  test('the terraform-docs markers appear exactly once each', async () => {
    const text = await readme();
    expect(text.split(BEGIN_TF_DOCS).length - 1).toBe(1);
    expect(text.split(END_TF_DOCS).length - 1).toBe(1);
    expect(text.indexOf(BEGIN_TF_DOCS)).toBeLessThan(text.indexOf(END_TF_DOCS));
  });

  test('the tags default cell holds no Markdown: every special character is escaped, and unescaped it is the HCL', async () => {
    const row = (await readme()).split('\n').find((l) => l.startsWith('| <a name="input_tags">')) as string;
    const cell = /<pre>(.*)<\/pre>/.exec(row)?.[1] as string;
    expect(cell).toBeDefined();
    // outside the escapes, none of the characters that start Markdown or HTML
    expect(cell.replace(/<br\/>|&lt;|&amp;/g, '').replace(/\\[\\`*_[\]~|]|[A-Za-z0-9]_(?=[A-Za-z0-9])/g, '')).not.toMatch(/[\\`*[\]~<&|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/);
    const shown = unescapeMarkdown(cell.replace(/<br\/>/g, '\n'));
    for (const value of Object.values(HOSTILE)) {
      const encoded = JSON.stringify(value).slice(1, -1).replace(/\$\{/g, '$${');
      expect(shown).toContain(encoded);
    }
  });

  test('the usage code block is not closed by backticks in a value', async () => {
    const text = await readme();
    const start = text.indexOf('## Usage');
    const open = /\n(`{3,})hcl\n/.exec(text.slice(start)) as RegExpExecArray;
    const fence = open[1];
    expect(fence.length).toBeGreaterThan(3);
    const body = text.slice(start + open.index + open[0].length);
    const close = body.indexOf(`\n${fence}`);
    expect(body.slice(0, close)).toContain('x ``` y ` z');
    expect(body.slice(0, close)).toContain('module ');
  });

  test('single-line code: a fence longer than any backtick run; markers go into escaped <code>', () => {
    expect(cellCode('a``b')).toBe('``` a``b ```');
    expect(cellCode('`x')).toBe('`` `x ``');
    expect(cellCode('a|b')).toBe('`a\\|b`');
    expect(cellCode(`"${BEGIN_TF_DOCS}"`)).toBe(`<code>${htmlCode(`"${BEGIN_TF_DOCS}"`)}</code>`);
    expect(cellCode(`"${BEGIN_TF_DOCS}"`)).not.toContain(BEGIN_TF_DOCS);
  });
});
