/**
 * The config schema's validator as standalone JavaScript (ajv's standalone code). The build writes it beside this
 * module, so a command that reads a config runs the validator instead of compiling the schema at every start. Run from
 * source, or when the file was built from another schema (its digest differs), `validate.ts` compiles the schema with
 * the same options.
 */
import { createHash } from 'crypto';
import * as path from 'path';
import type { Options, ValidateFunction } from 'ajv';
import { configJsonSchema } from './schema';

export const AJV_OPTIONS: Readonly<Options> = { allErrors: true, verbose: true, strict: true };

/** File name of the built validator, beside this module. */
export const COMPILED_VALIDATOR_FILE = 'config-validator.compiled.js';

/** SHA-256 of the schema a validator was compiled from. */
export const schemaDigest = (): string => createHash('sha256').update(JSON.stringify(configJsonSchema())).digest('hex');

/** The standalone CommonJS source of the config validator, with the digest of its schema as `schemaDigest`. */
export function compiledValidatorSource(): string {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  const source = standaloneCode(ajv, ajv.compile(configJsonSchema()));
  return `${source}\nmodule.exports.schemaDigest = ${JSON.stringify(schemaDigest())};\n`;
}

/** The built validator when it exists and was compiled from this schema; otherwise undefined. */
export function loadCompiledValidator(dir: string): ValidateFunction | undefined {
  let mod: { default?: ValidateFunction; schemaDigest?: string };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path.join(dir, COMPILED_VALIDATOR_FILE)) as typeof mod;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw err;
  }
  return mod.schemaDigest === schemaDigest() && typeof mod.default === 'function' ? mod.default : undefined;
}
