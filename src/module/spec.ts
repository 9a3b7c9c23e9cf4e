/**
 * The Terraform module as data: variables with validations, locals that compute the Datadog wiring, resources and
 * outputs. The HCL renderer and the CDKTF module stack both serialise this one description.
 */
import type { ResolvedConfig } from '../config/types';
import { moduleLocals } from './locals';
import { MODULE_OUTPUTS } from './outputs';
import { moduleResources } from './resources';
import type { ModuleSpec } from './types';
import { moduleVariables } from './variables';

export const MODULE_NAME = 'ecs-datadog-readonly';
export const REQUIRED_TERRAFORM_VERSION = '>= 1.9';
export const REQUIRED_PROVIDERS = { aws: { source: 'hashicorp/aws', version: '>= 6.0' } } as const;

/** The module for a config: the config's values become the variable defaults. */
export function moduleSpec(config: ResolvedConfig): ModuleSpec {
  return {
    name: MODULE_NAME,
    description:
      'An ECS Fargate service in which every container, the Datadog Agent sidecar included, runs with a read-only root filesystem (Security Hub ECS.5), with the Datadog wiring computed from the variables.',
    requiredVersion: REQUIRED_TERRAFORM_VERSION,
    requiredProviders: REQUIRED_PROVIDERS,
    variables: moduleVariables(config),
    locals: moduleLocals(config),
    resources: moduleResources(config),
    outputs: MODULE_OUTPUTS,
  };
}
