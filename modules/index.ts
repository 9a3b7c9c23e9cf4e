/** CDKTF constructs for other apps: `import { DatadogReadonlyService } from 'ecs-datadog-readonly/lib/modules'`. */
export * from './datadog-readonly-service';
export * from './deployable-stack';
export * from './module-stack';
