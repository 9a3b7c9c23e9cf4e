import { Construct } from 'constructs';
import { TerraformDataSource, TerraformLocal, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { BlockSpec, ModuleSpec, ResourceSpec, Value } from '../src/module/types';
import { cleanJson, expressionJson, interpolate, Json, jsonObject, literalJson, ProtectedText } from './terraform-json';

export interface ModuleStackProps {
  /** The module to serialise. */
  readonly spec: ModuleSpec;
}

/** Provider classes take typed props; every attribute here comes from the spec, as an override. */
type ElementClass = new (scope: Construct, id: string, config: never) => TerraformResource | TerraformDataSource;

const RESOURCE_CLASSES: Readonly<Record<string, ElementClass>> = {
  aws_cloudwatch_log_group: CloudwatchLogGroup,
  aws_ecs_cluster: EcsCluster,
  aws_ecs_service: EcsService,
  aws_ecs_task_definition: EcsTaskDefinition,
  aws_iam_role: IamRole,
  aws_iam_role_policy: IamRolePolicy,
};

const DATA_CLASSES: Readonly<Record<string, ElementClass>> = {
  aws_caller_identity: DataAwsCallerIdentity,
  aws_partition: DataAwsPartition,
  aws_region: DataAwsRegion,
};

/**
 * The reusable Terraform module as a CDKTF stack: variables, locals, resources and outputs of a `ModuleSpec`, with no
 * provider block and no backend (the caller configures both). Write it with `moduleJson`, not `app.synth()`.
 */
export class ModuleStack extends TerraformStack {
  readonly spec: ModuleSpec;
  /** Every string goes through this: CDKTF must neither resolve user text as a token nor drop a key. */
  readonly text = new ProtectedText();

  constructor(scope: Construct, id: string, props: ModuleStackProps) {
    super(scope, id);
    const spec = props.spec;
    this.spec = spec;
    const t = (value: string) => this.text.protect(value);
    this.addOverride('terraform.required_version', t(spec.requiredVersion));
    // CDKTF pins providers exactly; a module states a minimum instead.
    for (const [name, requirement] of Object.entries(spec.requiredProviders)) {
      this.addOverride(`terraform.required_providers.${name}`, { source: t(requirement.source), version: t(requirement.version) });
    }

    for (const v of spec.variables) {
      const variable = new TerraformVariable(this, `var.${v.name}`, {
        type: t(v.type),
        description: t(v.description),
        ...(v.nullable !== undefined && { nullable: v.nullable }),
        ...(v.validations.length > 0 && {
          validation: v.validations.map((rule) => ({ condition: t(interpolate(rule.condition)), errorMessage: expressionJson(rule.errorMessage, this.text) as string })),
        }),
      });
      variable.overrideLogicalId(v.name);
      // As an override: TerraformVariable would rewrite the default's object keys to snake_case.
      if (v.default !== undefined) variable.addOverride('default', literalJson(v.default, `variable ${v.name} default`, this.text));
    }

    for (const local of spec.locals) {
      new TerraformLocal(this, `local.${local.name}`, expressionJson(local.value, this.text)).overrideLogicalId(local.name);
    }

    for (const resource of spec.resources) addResource(this, resource, this.text);

    for (const output of spec.outputs) {
      new TerraformOutput(this, `output.${output.name}`, {
        value: t(interpolate(output.value.expr)),
        description: t(output.description),
        ...(output.sensitive !== undefined && { sensitive: output.sensitive }),
      }).overrideLogicalId(output.name);
    }
  }
}

function addResource(stack: TerraformStack, spec: ResourceSpec, text: ProtectedText): void {
  const id = `${spec.kind}.${spec.type}.${spec.name}`;
  const known = (spec.kind === 'data' ? DATA_CLASSES : RESOURCE_CLASSES)[spec.type];
  let element: TerraformResource | TerraformDataSource;
  if (known) {
    element = new known(stack, id, {} as never);
  } else {
    const config = { terraformResourceType: spec.type, terraformGeneratorMetadata: { providerName: spec.type.split('_')[0] } };
    element = spec.kind === 'data' ? new TerraformDataSource(stack, id, config) : new TerraformResource(stack, id, config);
  }
  element.overrideLogicalId(spec.name);
  if (spec.count) element.addOverride('count', text.protect(interpolate(spec.count.expr)));
  if (spec.forEach) element.addOverride('for_each', text.protect(interpolate(spec.forEach.expr)));
  if (spec.lifecycle?.createBeforeDestroy) element.addOverride('lifecycle.create_before_destroy', true);
  if (spec.lifecycle?.ignoreChanges?.length) element.addOverride('lifecycle.ignore_changes', spec.lifecycle.ignoreChanges.map((a) => text.protect(a)));
  if (spec.dependsOn && spec.dependsOn.length > 0) element.addOverride('depends_on', spec.dependsOn.map((d) => text.protect(d)));
  const body = blockBody(spec.attributes, spec.blocks ?? [], text);
  for (const [key, value] of Object.entries(body)) element.addOverride(key, value);
}

/** Attributes and nested blocks of a block body in Terraform JSON: blocks as arrays, `dynamic` blocks under `dynamic`. */
function blockBody(attributes: Readonly<Record<string, Value>>, blocks: readonly BlockSpec[], text: ProtectedText): Record<string, Json> {
  const body: Record<string, Json> = jsonObject(Object.entries(attributes).map(([key, value]) => [key, expressionJson(value, text)]));
  const dynamic: Record<string, Json[]> = {};
  for (const block of blocks) {
    const content = blockBody(block.attributes, block.blocks ?? [], text);
    if (block.forEach) {
      (dynamic[block.type] ??= []).push({ for_each: text.protect(interpolate(block.forEach.expr)), content });
    } else {
      const list = (body[block.type] ??= []) as Json[];
      list.push(content);
    }
  }
  if (Object.keys(dynamic).length > 0) body.dynamic = dynamic;
  return body;
}

/** The module as clean Terraform JSON: no `"//"` metadata, no backend, sorted keys. */
export function moduleJson(stack: ModuleStack): Json {
  const json = cleanJson(stack.toTerraform(), stack.text) as { [key: string]: Json };
  const terraform = json.terraform as { [key: string]: Json } | undefined;
  if (terraform) delete terraform.backend;
  return json;
}
