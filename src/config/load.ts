import * as fs from 'fs';
import { parse as parseYaml } from 'yaml';
import { Errors } from '../errors';
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from './defaults';
import type { ResolvedConfig, ServiceConfig } from './types';
import { validateConfig } from './validate';

/** Reads, validates and resolves a YAML or JSON config file; without a file, the embedded default. */
export function loadConfig(file?: string): ResolvedConfig {
  if (file === undefined) return resolveConfig(EMBEDDED_DEFAULT_CONFIG);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw Errors.configNotFound(file);
  }
  if (stat.isDirectory()) throw Errors.configIsDirectory(file);
  const text = fs.readFileSync(file, 'utf8');
  const raw: unknown = parseYaml(text);
  const problems = validateConfig(raw);
  if (problems.length > 0) throw Errors.invalidConfig(file, problems);
  return resolveConfig(raw as ServiceConfig);
}
