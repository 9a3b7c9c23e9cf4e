import * as fs from 'fs';
import type { Document, LineCounter } from 'yaml';
import { Errors, type Problem, UserError } from '../errors';
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from './defaults';
import { parseJsonObject } from './json-fast-path';
import type { ResolvedConfig, ServiceConfig } from './types';
import { compareCodePoints } from '../model/order';
import { type ConfigPath, type ConfigProblem, describeValue, formatConfigPath, validateConfig } from './validate';

/** A config file is small; anything larger is the wrong file. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Reads, validates and resolves a YAML or JSON config file; without a file, the embedded default. */
export function loadConfig(file?: string): ResolvedConfig {
  if (file === undefined) return resolveConfig(EMBEDDED_DEFAULT_CONFIG);
  return resolveConfig(readConfigFile(file));
}

/** Reads and validates a config file. Throws a `UserError` that lists every problem, each with its path and line. */
export function readConfigFile(file: string): ServiceConfig {
  return parseConfig(decodeConfigText(readConfigBytes(file), file), file);
}

/**
 * The bytes of a regular file of at most `MAX_CONFIG_BYTES`. A FIFO, a device (such as /dev/zero) or a socket is
 * refused before a byte is read, so nothing can hang or read without bound; the file is opened non-blocking and
 * checked through its descriptor, so it cannot be swapped for one in between.
 */
function readConfigBytes(file: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw Errors.configNotFound(file);
    if (code === 'EISDIR') throw Errors.configIsDirectory(file);
    if (code === 'ENXIO') throw Errors.configNotRegularFile(file, kindOf(file)); // open() of a Unix socket or a device without a driver
    throw Errors.configUnreadable(file, code ?? String(err));
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw Errors.configIsDirectory(file);
    if (!stat.isFile()) throw Errors.configNotRegularFile(file, fileKind(stat));
    if (stat.size > MAX_CONFIG_BYTES) throw Errors.configTooLarge(file, stat.size, MAX_CONFIG_BYTES);
    const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      // a file that grows while it is read
      if (length > MAX_CONFIG_BYTES) throw Errors.configTooLarge(file, length, MAX_CONFIG_BYTES);
    }
    return buffer.subarray(0, length);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw Errors.configUnreadable(file, (err as NodeJS.ErrnoException).code ?? String(err));
  } finally {
    fs.closeSync(fd);
  }
}

function kindOf(file: string): string {
  try {
    return fileKind(fs.statSync(file));
  } catch {
    return 'a special file';
  }
}

function fileKind(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

/**
 * The text of a config: UTF-8, with or without a byte order mark. UTF-16 and UTF-32 (by their byte order mark or
 * their NUL bytes), other NUL bytes and invalid UTF-8 are refused with a message that says which.
 */
export function decodeConfigText(bytes: Buffer, file: string): string {
  const bom = [
    { mark: [0x00, 0x00, 0xfe, 0xff], encoding: 'UTF-32 (big-endian)' },
    { mark: [0xff, 0xfe, 0x00, 0x00], encoding: 'UTF-32 (little-endian)' },
    { mark: [0xfe, 0xff], encoding: 'UTF-16 (big-endian)' },
    { mark: [0xff, 0xfe], encoding: 'UTF-16 (little-endian)' },
  ].find((b) => b.mark.every((byte, i) => bytes[i] === byte));
  if (bom) throw Errors.configNotUtf8(file, `is ${bom.encoding} text with a byte order mark`);
  if (bytes.includes(0)) {
    // UTF-16 without a byte order mark: ASCII text with a NUL beside every character
    const sample = bytes.subarray(0, Math.min(bytes.length, 512));
    const nulsAt = (parity: number) => sample.filter((b, i) => i % 2 === parity && b === 0).length;
    const half = Math.floor(sample.length / 2);
    if (half > 0 && nulsAt(1) >= half * 0.9) throw Errors.configNotUtf8(file, 'looks like UTF-16 (little-endian) text without a byte order mark');
    if (half > 0 && nulsAt(0) >= half * 0.9) throw Errors.configNotUtf8(file, 'looks like UTF-16 (big-endian) text without a byte order mark');
    throw Errors.configNotText(file);
  }
  try {
    // ignoreBOM: false drops a UTF-8 byte order mark, which editors on Windows write
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw Errors.configNotUtf8(file, `is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)})`);
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const sequence = utf8Sequence(bytes[i]);
    if (!sequence) return i;
    for (let k = 1; k < sequence.length; k++) {
      const c = bytes[i + k];
      const [lo, hi] = k === 1 ? sequence.second : [0x80, 0xbf];
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += sequence.length;
  }
  return i;
}

/** The length of the UTF-8 sequence a lead byte starts and the range of its second byte; undefined for a bad lead. */
function utf8Sequence(lead: number): { length: number; second: [number, number] } | undefined {
  if (lead < 0x80) return { length: 1, second: [0, 0] };
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, second: [0x80, 0xbf] };
  if (lead === 0xe0) return { length: 3, second: [0xa0, 0xbf] };
  if (lead === 0xed) return { length: 3, second: [0x80, 0x9f] }; // no surrogates
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, second: [0x80, 0xbf] };
  if (lead === 0xf0) return { length: 4, second: [0x90, 0xbf] };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, second: [0x80, 0xbf] };
  if (lead === 0xf4) return { length: 4, second: [0x80, 0x8f] }; // at most U+10FFFF
  return undefined;
}

/**
 * Parses YAML or JSON (JSON is YAML) and validates it. Duplicate keys, several documents and syntax errors are
 * reported with their lines; the message never quotes the file's text, so a pasted secret is not echoed.
 */
export function parseConfig(text: string, source: string): ServiceConfig {
  // a valid JSON config needs no YAML parser; everything else takes the YAML path, which locates each problem
  const json = parseJsonObject(text);
  if (json !== undefined) {
    const normalized = normalizeStrings(json);
    if (normalized.problems.length === 0 && validateConfig(normalized.value).length === 0) return normalized.value as ServiceConfig;
  }
  return parseConfigWithYaml(text, source);
}

/** `parseConfig` through the YAML parser only. */
export function parseConfigWithYaml(text: string, source: string): ServiceConfig {
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
  const normalized = normalizeStrings(raw);
  const problems = [...normalized.problems, ...validateConfig(normalized.value)];
  if (problems.length > 0) {
    const located: Problem[] = problems
      .map(({ at, ...p }) => ({ ...p, line: lineOf(doc, lineCounter, at) }))
      .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || compareCodePoints(a.path, b.path));
    throw Errors.invalidConfig(source, located);
  }
  return normalized.value as ServiceConfig;
}

/**
 * Every string of a parsed config, keys included, in Unicode NFC. Terraform normalises every string to NFC, so
 * without this a decomposed `é` would differ between task-definition.json and the modules. Two keys of one mapping
 * that are equal after normalisation are a problem at the second one (they would become one key).
 */
export function normalizeStrings(raw: unknown): { value: unknown; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const walk = (node: unknown, at: (string | number)[]): unknown => {
    if (typeof node === 'string') return node.normalize('NFC');
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...at, i]));
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    const originals = new Map<string, string>();
    for (const [key, value] of Object.entries(node)) {
      const nfc = key.normalize('NFC');
      const first = originals.get(nfc);
      if (first !== undefined) {
        problems.push({
          at: [...at, key],
          path: formatConfigPath([...at, key]),
          message: `is the same key as ${codePoints(first)} once normalised to Unicode NFC (${codePoints(nfc)}); Terraform normalises every string to NFC, so the two would be one key`,
          fix: 'keep one of the two keys, written the same way',
        });
        continue;
      }
      originals.set(nfc, key);
      Object.defineProperty(out, nfc, { value: walk(value, [...at, key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return { value: walk(raw, []), problems };
}

function codePoints(text: string): string {
  const units = [...text].map((ch) => `U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`);
  return units.length <= 12 ? units.join(' ') : `${units.slice(0, 12).join(' ')} ...`;
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
