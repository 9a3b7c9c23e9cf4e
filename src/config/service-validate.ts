/**
 * Rules of the production service features that a schema cannot state: load balancers point at a container and its
 * port, no administrator statement, deployment limits that let a deployment move, and so on.
 */
import { MAX_REGION_LENGTH } from './service-constraints';
import { type ConfigPath, type ConfigProblem, describeValue, formatConfigPath } from './validate';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function problem(at: ConfigPath, message: string, fix?: string): ConfigProblem {
  return { at, path: formatConfigPath(at), message, ...(fix !== undefined && { fix }) };
}

/** True when an IAM statement allows every action on every resource. */
export function isAdministratorStatement(s: { Effect?: unknown; Action?: unknown; Resource?: unknown }): boolean {
  return (s.Effect ?? 'Allow') === 'Allow' && asList(s.Action).includes('*') && asList(s.Resource).includes('*');
}

export function serviceFeatureRules(c: Obj): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const add = (at: ConfigPath, message: string, fix?: string) => out.push(problem(at, message, fix));
  const containers = (Array.isArray(c.containers) ? c.containers : []).filter(isObj);
  const service = isObj(c.service) ? c.service : {};

  if (isStr(c.region) && c.region.length > MAX_REGION_LENGTH) {
    add(['region'], `must have at most ${MAX_REGION_LENGTH} characters: the IAM role names are <name>-<region>-execution and <name>-<region>-task, at most 64 characters`);
  }

  // IAM
  const taskRole = isObj(c.taskRole) ? c.taskRole : {};
  const statements = Array.isArray(taskRole.policyStatements) ? taskRole.policyStatements : [];
  statements.forEach((s, i) => {
    if (isObj(s) && isAdministratorStatement(s)) {
      add(['taskRole', 'policyStatements', i], 'allows "Action": "*" on "Resource": "*", administrator access for every container of the task', 'name the actions and resources the applications need, e.g. Action: s3:GetObject, Resource: arn:aws:s3:::my-bucket/*');
    }
  });
  const iam = isObj(c.iam) ? c.iam : {};
  if (isStr(iam.taskRoleArn) && (statements.length > 0 || (Array.isArray(taskRole.managedPolicyArns) && taskRole.managedPolicyArns.length > 0))) {
    add(['taskRole'], 'is not applied: iam.taskRoleArn brings your own task role, to which no policy is attached', 'attach these permissions to your role, or remove iam.taskRoleArn to have the role created');
  }

  // Load balancers
  const byName = new Map<string, Obj>();
  for (const x of containers) if (isStr(x.name) && !byName.has(x.name)) byName.set(x.name, x);
  const loadBalancers = Array.isArray(c.loadBalancers) ? c.loadBalancers : [];
  const seen = new Map<string, number>();
  loadBalancers.forEach((lb, i) => {
    if (!isObj(lb)) return;
    const at = ['loadBalancers', i];
    if (isStr(lb.containerName)) {
      const target = byName.get(lb.containerName);
      if (!target) {
        const names = [...byName.keys()];
        add([...at, 'containerName'], `no application container is named ${describeValue(lb.containerName)}${names.length > 0 ? `; the containers are ${names.join(', ')}` : '; the config has no application container'}`, 'name the container that serves the traffic');
      } else if (isInt(lb.containerPort)) {
        if (target.port === undefined) add([...at, 'containerPort'], `container "${lb.containerName}" has no port`, `set port: ${lb.containerPort} on that container`);
        else if (target.port !== lb.containerPort) add([...at, 'containerPort'], `must be the port of container "${lb.containerName}", ${String(target.port)}, got ${lb.containerPort}`, `set containerPort to ${String(target.port)}`);
        else if (target.protocol === 'udp') add([...at, 'containerPort'], `container "${lb.containerName}" serves udp; an ip target group behind an ALB needs tcp`, 'use a tcp port, or a UDP listener of an NLB with protocol tcp here');
      }
    }
    if (isStr(lb.targetGroupArn)) {
      const key = `${lb.targetGroupArn}\u0000${String(lb.containerName)}\u0000${String(lb.containerPort)}`;
      if (seen.has(key)) add(at, `repeats loadBalancers[${seen.get(key)}]`, 'remove it');
      else seen.set(key, i);
    }
  });
  if (service.healthCheckGracePeriodSeconds !== undefined && loadBalancers.length === 0) {
    add(['service', 'healthCheckGracePeriodSeconds'], 'applies only to a service behind a load balancer (ECS refuses it otherwise)', 'add loadBalancers, or remove it');
  }

  // Security group
  const sg = isObj(c.securityGroup) ? c.securityGroup : undefined;
  if (sg && sg.create !== false) {
    if (!isStr(sg.vpcId)) add(['securityGroup', 'vpcId'], 'is required to create the security group: the VPC of the subnets', 'e.g. vpcId: vpc-0123456789abcdef0, or create: false');
    const sources = asList(sg.ingressSecurityGroupIds).length + asList(sg.ingressCidrBlocks).length;
    if (sources > 0 && !containers.some((x) => isInt(x.port))) {
      add(['securityGroup'], 'allows ingress on the containers\' ports, but no application container has a port', 'set port on the container that listens, or remove the ingress sources');
    }
  }

  // Autoscaling
  const a = isObj(c.autoscaling) ? c.autoscaling : undefined;
  if (a && isInt(a.minCapacity) && isInt(a.maxCapacity) && a.minCapacity > a.maxCapacity) {
    add(['autoscaling', 'minCapacity'], `must not exceed maxCapacity (${a.maxCapacity}), got ${a.minCapacity}`, 'lower minCapacity or raise maxCapacity');
  }

  // Capacity providers and deployment limits
  const strategy = Array.isArray(service.capacityProviderStrategy) ? service.capacityProviderStrategy.filter(isObj) : [];
  const providers = strategy.map((s) => s.capacityProvider).filter(isStr);
  providers.forEach((p, i) => {
    if (providers.indexOf(p) !== i) add(['service', 'capacityProviderStrategy', i, 'capacityProvider'], `repeats ${p}; each capacity provider appears once`, 'merge the two entries');
  });
  if (strategy.length > 0 && strategy.every((s) => s.weight === 0)) {
    add(['service', 'capacityProviderStrategy'], 'needs a weight above 0 on at least one capacity provider, or ECS places no task', 'e.g. weight: 1 on FARGATE');
  }
  if (strategy.filter((s) => isInt(s.base) && s.base > 0).length > 1) {
    add(['service', 'capacityProviderStrategy'], 'may give a base above 0 to one capacity provider only (ECS)', 'keep base on one entry');
  }
  const min = service.deploymentMinimumHealthyPercent ?? 100;
  const max = service.deploymentMaximumPercent ?? 200;
  if (isInt(min) && isInt(max) && max <= min) {
    add(['service', service.deploymentMaximumPercent === undefined ? 'deploymentMinimumHealthyPercent' : 'deploymentMaximumPercent'], `deploymentMaximumPercent (${max}) must exceed deploymentMinimumHealthyPercent (${min}), or a deployment can neither start a new task nor stop an old one`, 'e.g. 100 and 200, or 0 and 100');
  }
  return out;
}
