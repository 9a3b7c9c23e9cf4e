import * as fs from 'fs';
import type { Document, LineCounter } from 'yaml';
import { Errors, type Problem } from '../errors';
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from './defaults';
import type { ResolvedConfig, ServiceConfig } from './types';
import { type ConfigPath, describeValue, validateConfig } from './validate';

/** A config file is small; anything larger is the wrong file. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Reads, validates and resolves a YAML or JSON config file; without a file, the embedded default. */
export function loadConfig(file?: string): ResolvedConfig {
  if (file === undefined) return resolveConfig(EMBEDDED_DEFAULT_CONFIG);
  return resolveConfig(readConfigFile(file));
}

/** Reads and validates a config file. Throws a `UserError` that lists every problem, each with its path and line. */
export function readConfigFile(file: string): ServiceConfig {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw Errors.configNotFound(file);
    throw Errors.configUnreadable(file, code ?? String(err));
  }
  if (stat.isDirectory()) throw Errors.configIsDirectory(file);
  if (stat.size > MAX_CONFIG_BYTES) throw Errors.configTooLarge(file, stat.size, MAX_CONFIG_BYTES);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw Errors.configUnreadable(file, (err as NodeJS.ErrnoException).code ?? String(err));
  }
  if (text.includes('\u0000')) throw Errors.configNotText(file);
  return parseConfig(text, file);
}

/**
 * Parses YAML or JSON (JSON is YAML) and validates it. Duplicate keys, several documents and syntax errors are
 * reported with their lines; the message never quotes the file's text, so a pasted secret is not echoed.
 */
export function parseConfig(text: string, source: string): ServiceConfig {
  // loaded on first use: commands that read no config file do not pay for the YAML parser
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LineCounter, parseDocument } = require('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw Errors.configSyntax(
      source,
      doc.errors.map((e) => ({
        path: position(lineCounter, e.pos[0]),
        message: syntaxMessage(e.code, e.message, text.slice(e.pos[0], e.pos[0] + 200)),
        fix: e.code === 'DUPLICATE_KEY' ? 'keep one of the two keys' : undefined,
      })),
    );
  }
  if (doc.contents === null) throw Errors.configEmpty(source);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw Errors.configSyntax(source, [{ path: '(document)', message: `cannot be read: ${(err as Error).message}` }]);
  }
  const problems = validateConfig(raw);
  if (problems.length > 0) {
    const located: Problem[] = problems
      .map(({ at, ...p }) => ({ ...p, line: lineOf(doc, lineCounter, at) }))
      .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.path.localeCompare(b.path));
    throw Errors.invalidConfig(source, located);
  }
  return raw as ServiceConfig;
}

/** yaml's message without the quoted source line (which could hold a secret) and without its own position. */
function syntaxMessage(code: string, message: string, source: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') {
    const match = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]+?)\s*:/.exec(source);
    const key = (match?.[1] ?? '').replace(/^["']|["']$/g, '');
    const shown = key.length > 0 && key.length <= 60 && !/[\n:]/.test(key) ? ` ${describeValue(key)}` : '';
    return `duplicate key${shown}: a key may appear only once in a mapping`;
  }
  if (code === 'MULTIPLE_DOCS') return 'the file holds several YAML documents (---); a config is one document';
  return first;
}

function position(lineCounter: LineCounter, offset: number): string {
  const { line, col } = lineCounter.linePos(offset);
  return `line ${line}, column ${col}`;
}

/** Line of the key at a path (a mapping entry) or of the node (a list item), or of its nearest existing parent. */
function lineOf(doc: Document, lineCounter: LineCounter, at: ConfigPath): number | undefined {
  const lineAt = (node: unknown): number | undefined => {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return Array.isArray(range) ? lineCounter.linePos(range[0]).line : undefined;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isMap, isScalar } = require('yaml') as typeof import('yaml'); // already loaded by parseConfig
  for (let n = at.length; n >= 0; n--) {
    if (n > 0) {
      const parent = n === 1 ? doc.contents : doc.getIn(at.slice(0, n - 1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === at[n - 1]);
        const line = lineAt(pair?.key);
        if (line !== undefined) return line;
      }
    }
    const line = lineAt(n === 0 ? doc.contents : doc.getIn(at.slice(0, n), true));
    if (line !== undefined) return line;
  }
  return undefined;
}
