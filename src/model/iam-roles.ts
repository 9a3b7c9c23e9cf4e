/**
 * What the IAM roles of a service are beyond their policies: created or brought by the user, path, permissions
 * boundary, the applications' own statements and managed policies.
 */
import type { PolicyStatementConfig, ResolvedConfig } from '../config/types';

/** An application statement as the model writes it: Action, Resource and condition values always as lists. */
export interface ApplicationStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface ApplicationPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly ApplicationStatement[];
}

export const APPLICATION_POLICY_NAME = 'application';

const list = (v: string | readonly string[]): string[] => (typeof v === 'string' ? [v] : [...v]);

export function applicationStatement(s: PolicyStatementConfig): ApplicationStatement {
  const condition = s.Condition && Object.keys(s.Condition).length > 0
    ? Object.fromEntries(Object.entries(s.Condition).map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, list(v)]))]))
    : undefined;
  return {
    ...(s.Sid !== undefined && { Sid: s.Sid }),
    Effect: s.Effect ?? 'Allow',
    Action: list(s.Action),
    Resource: list(s.Resource),
    ...(condition && { Condition: condition }),
  };
}

/** The inline policy of the applications on the task role, or undefined when the config gives no statement. */
export function applicationPolicy(config: ResolvedConfig): ApplicationPolicyDocument | undefined {
  if (config.taskRole.policyStatements.length === 0) return undefined;
  return { Version: '2012-10-17', Statement: config.taskRole.policyStatements.map(applicationStatement) };
}

/** Settings every created role shares. */
export interface RoleSettings {
  readonly path: string;
  readonly permissionsBoundaryArn?: string;
}

export function roleSettings(config: ResolvedConfig): RoleSettings {
  return { path: config.iam.path, ...(config.iam.permissionsBoundaryArn !== undefined && { permissionsBoundaryArn: config.iam.permissionsBoundaryArn }) };
}
