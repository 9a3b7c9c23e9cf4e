import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from '../../src/config/defaults';
import type { ResolvedConfig, ServiceConfig } from '../../src/config/types';
import type { Value } from '../../src/module/types';
import { moduleVariableValues } from '../../src/module/variables';

/** A service with two application containers, secrets, health checks and a dependency between them. */
export const APP_CONFIG: ServiceConfig = {
  name: 'orders',
  cpu: 2048,
  memory: 4096,
  region: 'eu-west-1',
  cpuArchitecture: 'ARM64',
  tags: { team: 'payments', 'cost-center': '42' },
  datadog: {
    site: 'datadoghq.eu',
    apiKeySecretArn: 'arn:aws:ssm:eu-west-1:210987654321:parameter/datadog/api-key',
    env: 'prod',
    tags: { team: 'payments' },
  },
  containers: [
    {
      name: 'api',
      image: 'public.ecr.aws/example/orders-api:2.4.1',
      port: 8080,
      user: '1000:1000',
      writablePaths: ['/tmp', '/app/cache'],
      environment: { LOG_LEVEL: 'info' },
      secrets: { DB_PASSWORD: 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders/db-AbCdEf' },
      healthCheck: { command: ['CMD-SHELL', 'curl -fs http://localhost:8080/health || exit 1'] },
    },
    {
      name: 'worker',
      image: 'public.ecr.aws/example/orders-worker',
      dependsOn: [{ containerName: 'api', condition: 'HEALTHY' }],
    },
  ],
};

export const CONFIGS: Record<string, ResolvedConfig> = {
  'embedded default': resolveConfig(EMBEDDED_DEFAULT_CONFIG),
  'two application containers': resolveConfig(APP_CONFIG),
};

/**
 * The module variables of a config as a caller passes them: a config may leave the subnets to deploy time, a module
 * call must name at least one.
 */
export function moduleCallValues(config: ResolvedConfig): Record<string, Value> {
  const values = moduleVariableValues(config);
  return config.network.subnetIds.length > 0 ? values : { ...values, subnet_ids: ['subnet-0123456789abcdef0'] };
}
