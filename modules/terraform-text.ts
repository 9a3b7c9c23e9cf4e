/**
 * Strings on their way to Terraform through a CDKTF-style framework. Two layers read every string: the framework
 * resolves token markers (`${TfToken[...]}`), then Terraform reads `${` and `%{` as template syntax. Literal text must
 * pass both unchanged, keys included; only the construct's own references and the tokens a user passed in a
 * token-accepting prop are resolved.
 */
import { encodeString } from '../src/render/hcl/encode';
import { escapeTemplate } from './terraform-json';
import type { Framework, ResolvableLike } from './framework';

/** Text a framework would read as template syntax inside a string that also holds tokens. */
const NEEDS_SHIELD = /\$\{/;
/** A string token marker; list and map markers never reach a string (the config refuses them there). */
const STRING_TOKEN = /\$\{TfToken\[[A-Za-z0-9:._-]+\]\}/g;
/** The part every framework token marker (`${TfToken[`, `#{TfToken[`, `&{TfToken[`) has. */
const MARKER = /\{TfToken\[/g;

/**
 * Literal text in Terraform JSON template form that no framework pass reads as a token: `${`/`%{` escaped, and an
 * empty interpolation after the `{` of every token marker (Terraform reads `$${${""}TfToken[` as `${TfToken[`).
 * Frameworks resolve a stack twice, so the text itself, not only its first resolution, must be free of markers.
 */
export function terraformLiteral(text: string): string {
  return escapeTemplate(text).replace(MARKER, '{${""}TfToken[');
}

export class TerraformText {
  constructor(
    private readonly framework: Framework,
    /** Whether user strings may hold tokens: construct props do, a config file never does. */
    readonly userTokens: boolean,
  ) {}

  /** Unguessable strings the construct put into the config, each standing for a reference (the provider's region). */
  private readonly placeholders = new Map<string, string>();

  /**
   * From now on, `placeholder` in any string written through this object is `reference`. A placeholder is a random
   * string that only the construct can write, so no user text turns into a reference.
   */
  placeholder(placeholder: string, reference: string): void {
    this.placeholders.set(placeholder, reference);
  }

  /** Text written exactly as given: Terraform template syntax escaped, framework token markers never resolved. */
  literal(text: string): string {
    for (const placeholder of this.placeholders.keys()) {
      if (text.includes(placeholder)) return this.split(text, this.pattern([]), new Map());
    }
    return this.exact(terraformLiteral(text));
  }

  /**
   * Terraform JSON text the framework must not read (an expression stays an expression). A string that also holds
   * tokens is split by the framework, which would take a `${` here for the start of an expression of its own.
   */
  exact(text: string): string {
    if (!NEEDS_SHIELD.test(text)) return text;
    // Resolved to '' first (frameworks resolve what a token returns again), then replaced after that resolution.
    const shield: ResolvableLike = {
      creationStack: [],
      resolve: (context) => {
        context.registerPostProcessor({ postProcess: () => text });
        return '';
      },
      toString: () => 'literal text',
    };
    return this.framework.asString(shield);
  }

  /** A user value: literal text, except the tokens of a token-accepting prop (validated before it gets here). */
  value(text: string): string {
    return this.userTokens ? this.split(text, this.pattern([STRING_TOKEN.source]), new Map()) : this.literal(text);
  }

  /**
   * A map with literal keys and user values. Frameworks drop a `__proto__` key of a JSON object (it sets the
   * prototype), so a map that has one is written as a Terraform expression, `${tomap({ "__proto__" = "..." })}`.
   */
  map(record: Readonly<Record<string, string>>): Record<string, string> {
    const keys = Object.keys(record);
    if (!keys.includes('__proto__')) return Object.fromEntries(keys.map((key) => [this.literal(key), this.value(record[key])]));
    if (this.userTokens && keys.some((key) => record[key].search(STRING_TOKEN) >= 0)) {
      throw new Error('a map with the key "__proto__" cannot hold tokens: write its values as literal text');
    }
    const items = keys.map((key) => `${hclString(key)} = ${hclString(record[key])}`);
    return this.exact(`\${tomap({ ${items.join(', ')} })}`) as unknown as Record<string, string>;
  }

  /**
   * Text of the model in which the model's own references (`TF`, e.g. `${aws_iam_role.execution.arn}`) stand for the
   * construct's resources: each is replaced by the resource's attribute, user tokens pass, the rest is literal.
   */
  withReferences(text: string, references: ReadonlyMap<string, string>): string {
    const alternatives = [...references.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    if (this.userTokens) alternatives.push(STRING_TOKEN.source);
    return this.split(text, this.pattern(alternatives), references);
  }

  /** `alternatives` and the placeholders, as one pattern. */
  private pattern(alternatives: readonly string[]): RegExp {
    return new RegExp([...[...this.placeholders.keys()].map(escapeRegExp), ...alternatives].join('|') || '(?!)', 'g');
  }

  /**
   * Literal text just before a reference: a `$` there would make `$${`, which Terraform reads as an escaped `${`. The
   * trailing `$`s are written as a constant interpolation instead, `${"$$"}`, which no `$` can precede.
   */
  private beforeReference(text: string): string {
    const dollars = /\$+$/.exec(text)?.[0] ?? '';
    if (dollars === '') return this.literal(text);
    return this.literal(text.slice(0, -dollars.length)) + this.exact(`\${"${dollars}"}`);
  }

  private split(text: string, pattern: RegExp, references: ReadonlyMap<string, string>): string {
    let out = '';
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      out += this.beforeReference(text.slice(last, match.index)) + (this.placeholders.get(match[0]) ?? references.get(match[0]) ?? match[0]);
      last = match.index + match[0].length;
    }
    return out + this.literal(text.slice(last));
  }
}

/** A quoted HCL string of literal text, kept free of token markers as `terraformLiteral` does. */
function hclString(text: string): string {
  return encodeString(text).replace(MARKER, '{${""}TfToken[');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
