import type { Segment } from './types';

/** A JSON object as read from a file. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that Terraform computes (an interpolation such as `${var.x}`), so it cannot be checked from the file. */
export class Unevaluable {
  constructor(
    readonly expression: string,
    /** Why it cannot be evaluated. @default "it is a Terraform expression" */
    readonly reason: string = `it is the Terraform expression "${expression}"`,
  ) {}
}

export type Known<T> = T | Unevaluable;

/** The ECS service that runs the task definition, when the input describes one. */
export interface SubjectService {
  /** Display name, e.g. `aws_ecs_service.this`. */
  readonly name: string;
  /** @default false (the ECS default) */
  readonly assignPublicIp?: Known<boolean>;
  /** @default LATEST (the ECS default for Fargate) */
  readonly platformVersion?: Known<string>;
  readonly launchType?: Known<string>;
  /** Capacity providers of the service's strategy (FARGATE, FARGATE_SPOT, ...). @default [] */
  readonly capacityProviders?: readonly string[];
  readonly assignPublicIpPath: readonly Segment[];
  readonly platformVersionPath: readonly Segment[];
}

/** The ECS cluster the service runs in, when the input describes one. */
export interface SubjectCluster {
  readonly name: string;
  /** Value of the `containerInsights` cluster setting. @default none (off) */
  readonly containerInsights?: Known<string>;
  readonly path: readonly Segment[];
}

export type SubjectKind = 'task-definition' | 'describe-task-definition' | 'terraform' | 'terraform-plan' | 'config';

/**
 * One task definition to check, whatever file it came from: the task definition in ECS camelCase (as
 * RegisterTaskDefinition takes it), plus the service and cluster around it when the input has them.
 */
export interface Subject {
  /** The file it was read from. */
  readonly source: string;
  readonly kind: SubjectKind;
  /** Display name: the family, or the Terraform address. */
  readonly name: string;
  /**
   * The task definition in ECS spelling. A task-level value Terraform computes is an `Unevaluable`; so is
   * `containerDefinitions` when it is an expression such as `${jsonencode(...)}`.
   */
  readonly taskDefinition: Readonly<Record<string, unknown>>;
  /** Path of a task-level key (ECS spelling) in the input document. */
  taskPath(key: string): Segment[];
  /** Path of container `index` in the input document. */
  containerPath(index: number): Segment[];
  /** Whether paths can be located in the source text (false for a config, whose task definition is generated). */
  readonly locatable: boolean;
  readonly service?: SubjectService;
  readonly cluster?: SubjectCluster;
}

/** `$.containerDefinitions[1].dockerLabels["a.b"]` */
export function formatPath(path: readonly Segment[]): string {
  return (
    '$' +
    path
      .map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`))
      .join('')
  );
}
