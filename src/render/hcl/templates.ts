/**
 * The Handlebars environment of the HCL module: its own instance with HTML escaping off, so templates write text as
 * the views give it. Values reach the templates already encoded (`encode.ts`) or through the `str` helper.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { encodeString } from './encode';

/** The `templates/` folder of the package, from `src/render/hcl` (tests) or `lib/src/render/hcl` (build). */
export function templatesDir(): string {
  for (const up of ['../../..', '../../../..']) {
    const dir = join(__dirname, up, 'templates');
    if (existsSync(join(dir, 'variables.tf.hbs'))) return dir;
  }
  throw new Error(`templates folder not found above ${__dirname}`);
}

const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

type Template = (context: object) => string;

let cache: { readonly env: typeof Handlebars; readonly templates: Map<string, Template> } | undefined;

function environment(): { readonly env: typeof Handlebars; readonly templates: Map<string, Template> } {
  if (cache) return cache;
  const env = Handlebars.create();
  env.registerHelper('str', (text: unknown) => {
    if (typeof text !== 'string') throw new Error(`the str helper takes a string, got ${typeof text}`);
    return encodeString(text);
  });
  env.registerPartial('block', env.compile(readTemplate('_block.hbs'), COMPILE_OPTIONS));
  cache = { env, templates: new Map() };
  return cache;
}

function readTemplate(file: string): string {
  return readFileSync(join(templatesDir(), file), 'utf8');
}

/** Renders `templates/<file>` with `context`. Missing fields are errors, never empty text. */
export function renderTemplate(file: string, context: object): string {
  const { env, templates } = environment();
  let template = templates.get(file);
  if (!template) {
    template = env.compile(readTemplate(file), COMPILE_OPTIONS);
    templates.set(file, template);
  }
  return template(context);
}
