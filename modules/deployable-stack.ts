import type { Construct } from 'constructs';
import type { ResolvedConfig } from '../src/config/types';
import { Errors } from '../src/errors';
import { sortedByCodePoint } from '../src/model/order';
import type { DatadogReadonlyServiceCore, DatadogReadonlyServiceOptions, DatadogReadonlyServiceProps } from './datadog-readonly-service';
import type { Framework } from './framework';
import { TerraformText } from './terraform-text';

export interface DeployableStackProps {
  /** The service, from a config file: every string is literal text. */
  readonly config: ResolvedConfig;
}

type ServiceClass<S> = new (scope: Construct, id: string, props: DatadogReadonlyServiceProps, options?: DatadogReadonlyServiceOptions) => S;

/**
 * Fills a root stack ready for `terraform apply`: the AWS provider (region, the config's tags as `default_tags`) and
 * the service. It refuses a config without subnets, which would plan but fail at CreateService.
 */
export function buildDeployableStack<S extends DatadogReadonlyServiceCore>(stack: Construct, props: DeployableStackProps, framework: Framework, Service: ServiceClass<S>): S {
  const config = props.config;
  if (config.network.subnetIds.length === 0) throw Errors.subnetsRequired(config.name);
  const text = new TerraformText(framework, false);
  const tagKeys = sortedByCodePoint(Object.keys(config.tags));
  new framework.aws.AwsProvider(stack, 'aws', {
    region: text.literal(config.region),
    ...(tagKeys.length > 0 && { defaultTags: [{ tags: text.map(Object.fromEntries(tagKeys.map((k) => [k, config.tags[k]]))) }] }),
  });
  // The provider's default_tags tag every resource; the service repeats none of them.
  return new Service(stack, 'service', { ...config, tags: {} }, { tokens: 'literal' });
}
