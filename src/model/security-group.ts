/**
 * The security group created for a service: ingress on each application port from each source, egress anywhere
 * (the agent sends to the Datadog intake, the tasks pull from ECR and read Secrets Manager).
 */
import type { PortProtocol, ResolvedConfig } from '../config/types';

export interface IngressRuleModel {
  /** Stable key, `<protocol>-<port>-<source>`: the address of the rule in the module. */
  readonly key: string;
  readonly ipProtocol: PortProtocol;
  readonly fromPort: number;
  readonly toPort: number;
  readonly referencedSecurityGroupId?: string;
  readonly cidrIpv4?: string;
}

export interface EgressRuleModel {
  readonly ipProtocol: '-1';
  readonly cidrIpv4: '0.0.0.0/0';
}

export interface SecurityGroupModel {
  readonly namePrefix: string;
  readonly description: string;
  readonly vpcId: string;
  readonly ingress: readonly IngressRuleModel[];
  readonly egress: EgressRuleModel;
}

export const EGRESS_ANYWHERE: EgressRuleModel = { ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' };

/** Distinct ports of the application containers, in container order. */
export function applicationPorts(config: ResolvedConfig): { port: number; protocol: PortProtocol }[] {
  const seen = new Set<string>();
  const out: { port: number; protocol: PortProtocol }[] = [];
  for (const c of config.containers) {
    if (c.port === undefined) continue;
    const key = `${c.protocol}-${c.port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ port: c.port, protocol: c.protocol });
  }
  return out;
}

export function ingressRules(config: ResolvedConfig): IngressRuleModel[] {
  const sg = config.securityGroup;
  return applicationPorts(config).flatMap(({ port, protocol }) => [
    ...sg.ingressSecurityGroupIds.map((id) => ({ key: `${protocol}-${port}-${id}`, ipProtocol: protocol, fromPort: port, toPort: port, referencedSecurityGroupId: id })),
    ...sg.ingressCidrBlocks.map((cidr) => ({ key: `${protocol}-${port}-${cidr}`, ipProtocol: protocol, fromPort: port, toPort: port, cidrIpv4: cidr })),
  ]);
}

export function securityGroupDescription(service: string): string {
  return `ECS service ${service}: ingress on the application ports, egress anywhere`;
}

export function securityGroup(config: ResolvedConfig): SecurityGroupModel | undefined {
  const sg = config.securityGroup;
  if (!sg.create || sg.vpcId === undefined) return undefined;
  return {
    namePrefix: `${config.name}-`,
    description: securityGroupDescription(config.name),
    vpcId: sg.vpcId,
    ingress: ingressRules(config),
    egress: EGRESS_ANYWHERE,
  };
}
