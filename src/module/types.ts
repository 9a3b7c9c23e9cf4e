/**
 * The Terraform module, described once as data. Both module renderers serialise this description: the HCL renderer
 * (Handlebars templates) and the CDKTF module stack. The Datadog wiring is computed inside the module, in `locals`,
 * from the variables, so a registry user who adds a container through a variable gets the same wiring as a CLI user.
 */

/** A Terraform expression in HCL native syntax, e.g. `var.name` or `[for c in var.containers : c.name]`. */
export interface Expr {
  readonly expr: string;
}

export function expr(text: string): Expr {
  return { expr: text };
}

export function isExpr(value: unknown): value is Expr {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as Expr).expr === 'string';
}

/** A literal value, an expression, or lists and objects of them. Strings are literal text, never templates. */
export type Value = null | string | number | boolean | Expr | readonly Value[] | { readonly [key: string]: Value };

export interface Validation {
  /** HCL condition; may reference this variable and (Terraform >= 1.9) other variables. */
  readonly condition: string;
  readonly errorMessage: string;
}

export interface VariableSpec {
  readonly name: string;
  /** HCL type constraint, e.g. `number`, `list(object({ name = string, port = optional(number) }))`. */
  readonly type: string;
  readonly description: string;
  /** Literal default (from the config); absent means the variable is required. */
  readonly default?: Value;
  /** @default true (Terraform's default) */
  readonly nullable?: boolean;
  readonly validations: readonly Validation[];
}

export interface LocalSpec {
  readonly name: string;
  readonly value: Value;
  /**
   * True when the value references only variables and other pure locals, so Terraform can evaluate it without a
   * provider (the tests evaluate these offline).
   */
  readonly pure: boolean;
}

/** A nested block of a resource, e.g. `network_configuration { ... }`, or a `dynamic` block over a collection. */
export interface BlockSpec {
  readonly type: string;
  readonly attributes: Readonly<Record<string, Value>>;
  readonly blocks?: readonly BlockSpec[];
  /** When set, rendered as `dynamic "<type>" { for_each = <forEach> content { ... } }`, with the iterator `<type>`. */
  readonly forEach?: Expr;
}

export interface LifecycleSpec {
  /** @default false */
  readonly createBeforeDestroy?: boolean;
  /** Attribute names whose changes Terraform ignores after creation. @default [] */
  readonly ignoreChanges?: readonly string[];
}

export interface ResourceSpec {
  /** `resource` or `data`. */
  readonly kind: 'resource' | 'data';
  /** e.g. `aws_ecs_service`. */
  readonly type: string;
  /** e.g. `this`. */
  readonly name: string;
  readonly count?: Expr;
  /** A map or set of strings; the body reads `each.key` / `each.value`. Never together with `count`. */
  readonly forEach?: Expr;
  readonly attributes: Readonly<Record<string, Value>>;
  readonly blocks?: readonly BlockSpec[];
  /** Addresses this resource waits for beyond its references, e.g. `aws_iam_role_policy.execution`. @default none */
  readonly dependsOn?: readonly string[];
  /** The `lifecycle` block. @default none */
  readonly lifecycle?: LifecycleSpec;
  /** File of the HCL module the resource belongs to, e.g. `ecs.tf`. */
  readonly file: string;
}

export interface OutputSpec {
  readonly name: string;
  readonly description: string;
  readonly value: Expr;
  readonly sensitive?: boolean;
}

export interface ModuleSpec {
  readonly name: string;
  readonly description: string;
  /** e.g. `>= 1.9`. */
  readonly requiredVersion: string;
  /** e.g. `{ aws: { source: 'hashicorp/aws', version: '>= 6.0' } }`. */
  readonly requiredProviders: Readonly<Record<string, { readonly source: string; readonly version: string }>>;
  readonly variables: readonly VariableSpec[];
  readonly locals: readonly LocalSpec[];
  readonly resources: readonly ResourceSpec[];
  readonly outputs: readonly OutputSpec[];
}
