import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { ResolvedConfig } from '../src/config/types';
import { deploymentModel } from '../src/model/deployment';
import { DatadogReadonlyService } from './datadog-readonly-service';

export interface DeployableStackProps {
  readonly config: ResolvedConfig;
}

/** A root stack ready for `terraform apply`: the AWS provider (region, default tags) and the service. */
export class DeployableStack extends TerraformStack {
  readonly service: DatadogReadonlyService;

  constructor(scope: Construct, id: string, props: DeployableStackProps) {
    super(scope, id);
    const model = deploymentModel(props.config);
    const tagKeys = Object.keys(model.tags).sort();
    new AwsProvider(this, 'aws', {
      region: model.region,
      ...(tagKeys.length > 0 && { defaultTags: [{ tags: Object.fromEntries(tagKeys.map((k) => [k, model.tags[k]])) }] }),
    });
    this.service = new DatadogReadonlyService(this, 'service', { model });
  }
}
