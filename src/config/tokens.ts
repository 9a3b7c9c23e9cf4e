/**
 * Framework tokens in a config given as construct props. The config code never loads a framework: the renderer layer
 * passes a predicate that recognises its tokens (CDKTF's `Token.isUnresolved`). Tokens are accepted only where a value
 * can come from another resource; there they are replaced by a valid stand-in for validation and passed through
 * unchanged to Terraform, which checks them itself. A token anywhere else is a problem at its path.
 */
import * as C from './constraints';

/** True for a value that is a framework token (a reference resolved at synth), e.g. a secret's `.arn`. */
export type TokenPredicate = (value: unknown) => boolean;

/** A config path pattern: `*` matches any list index or map key. */
type PathPattern = readonly string[];

interface TokenSlot {
  readonly path: PathPattern;
  /** What the value is, for messages. */
  readonly what: string;
  /** A literal that passes validation in the token's place. */
  readonly standIn: string;
  /** A whole list may be one list token (e.g. a VPC module's subnet ids output). */
  readonly listToken?: boolean;
}

/** Every place a config value may be a token, and the literal validated in its place. */
export const TOKEN_SLOTS: readonly TokenSlot[] = [
  { path: ['datadog', 'apiKeySecretArn'], what: 'the API key secret ARN', standIn: C.API_KEY_SECRET_ARN.example },
  { path: ['datadog', 'image'], what: 'the agent image', standIn: 'public.ecr.aws/datadog/agent:7' },
  { path: ['containers', '*', 'image'], what: 'a container image (e.g. an ECR repository URL)', standIn: C.CONTAINER_IMAGE.example },
  { path: ['containers', '*', 'secrets', '*'], what: 'a container secret ARN', standIn: C.API_KEY_SECRET_ARN.example },
  { path: ['containers', '*', 'environment', '*'], what: 'an environment value', standIn: 'token' },
  { path: ['network', 'subnetIds', '*'], what: 'a subnet id', standIn: C.SUBNET_ID.example, listToken: true },
  { path: ['network', 'securityGroupIds', '*'], what: 'a security group id', standIn: C.SECURITY_GROUP_ID.example, listToken: true },
  { path: ['cluster', 'existingClusterArn'], what: 'an existing cluster ARN', standIn: C.ECS_CLUSTER_ARN.example },
  { path: ['logs', 'kmsKeyArn'], what: 'the log group KMS key ARN', standIn: C.KMS_KEY_ARN.example },
  { path: ['secretsKmsKeyArns', '*'], what: 'a KMS key ARN', standIn: C.KMS_KEY_ARN.example },
];

/** The token-accepting paths as the docs and messages write them. */
export const TOKEN_PATHS_TEXT = TOKEN_SLOTS.map((s) => s.path.map((p, i) => (p === '*' ? '[*]' : i === 0 ? p : `.${p}`)).join('').replace(/\.\[/g, '[')).join(', ');

export interface TokenScan {
  /** The config with every accepted token replaced by its stand-in, ready for `validateConfig`. */
  readonly standIn: unknown;
  /** Tokens found where none is accepted. */
  readonly misplaced: ReadonlyArray<{ readonly at: readonly (string | number)[]; readonly listToken: boolean }>;
  /** Every accepted token, as it appears in the config (string tokens, and the elements of list tokens). */
  readonly tokens: readonly string[];
}

function matches(pattern: PathPattern, at: readonly (string | number)[]): boolean {
  return pattern.length === at.length && pattern.every((p, i) => p === '*' || p === at[i]);
}

/** Replaces accepted tokens by stand-ins and lists the misplaced ones. Without tokens it returns `raw` itself. */
export function scanTokens(raw: unknown, isToken: TokenPredicate): TokenScan {
  const misplaced: { at: (string | number)[]; listToken: boolean }[] = [];
  const tokens: string[] = [];
  const walk = (node: unknown, at: (string | number)[]): unknown => {
    if (Array.isArray(node) && isToken(node)) {
      const slot = TOKEN_SLOTS.find((s) => s.listToken && matches(s.path, [...at, 0]));
      if (!slot) {
        misplaced.push({ at, listToken: true });
        return node;
      }
      tokens.push(...node.filter((x): x is string => typeof x === 'string'));
      return [slot.standIn];
    }
    if (typeof node === 'string' || typeof node === 'number') {
      if (!isToken(node)) return node;
      const slot = TOKEN_SLOTS.find((s) => matches(s.path, at));
      if (!slot || typeof node !== 'string') {
        misplaced.push({ at, listToken: false });
        return node;
      }
      tokens.push(node);
      return slot.standIn;
    }
    if (Array.isArray(node)) return node.map((v, i) => walk(v, [...at, i]));
    if (typeof node === 'object' && node !== null) {
      const entries = Object.entries(node);
      for (const [key] of entries) if (isToken(key)) misplaced.push({ at: [...at, key], listToken: false });
      return Object.fromEntries(entries.map(([k, v]) => [k, walk(v, [...at, k])]));
    }
    return node;
  };
  const standIn = walk(raw, []);
  return { standIn: tokens.length === 0 ? raw : standIn, misplaced, tokens };
}
