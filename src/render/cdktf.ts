/**
 * The Terraform module rendered through CDKTF (`*.tf.json`). Only this file and `cdktf-app.ts` under `src/` load
 * cdktf; `formats.ts` imports them lazily.
 */
import { Construct } from 'constructs';
import { ModuleStack, moduleJson } from '../../modules/module-stack';
import { formatJson } from '../../modules/terraform-json';
import type { ResolvedConfig } from '../config/types';
import { moduleSpec } from '../module/spec';
import type { ModuleSpec } from '../module/types';
import type { FileSet } from './formats';

export const CDKTF_MODULE_FILE = 'main.tf.json';

/** The module of a spec as one deterministic Terraform JSON file. */
export function renderModuleSpecJson(spec: ModuleSpec): string {
  // A bare root: an App would create an output directory, and the module is written by the caller.
  const stack = new ModuleStack(new Construct(undefined as never, ''), 'module', { spec });
  return formatJson(moduleJson(stack));
}

export function renderCdktfModule(config: ResolvedConfig): FileSet {
  return { [CDKTF_MODULE_FILE]: renderModuleSpecJson(moduleSpec(config)) };
}
