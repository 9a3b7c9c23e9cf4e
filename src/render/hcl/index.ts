import type { ResolvedConfig } from '../../config/types';
import { moduleSpec } from '../../module/spec';
import type { FileSet } from '../formats';
import { renderModuleFiles } from './render';

export { renderModuleFiles } from './render';

/** The standalone Terraform module (HCL) of a config: relative path to file content. */
export function renderHclModule(config: ResolvedConfig): FileSet {
  return renderModuleFiles(moduleSpec(config), config);
}
