import type { Problem } from '../errors';
import { describeFargateMemory, FARGATE_CPU_VALUES, isFargateSize } from './constraints';

/** Every problem of a parsed config, all at once. An empty list means valid. */
export function validateConfig(raw: unknown): Problem[] {
  const problems: Problem[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return [{ path: '(root)', message: 'must be a mapping with at least "name" and "datadog.apiKeySecretArn"' }];
  }
  const c = raw as Record<string, unknown>;
  const cpu = (c.cpu as number) ?? 1024;
  const memory = (c.memory as number) ?? 3072;
  if (!isFargateSize(cpu, memory)) {
    problems.push({
      path: FARGATE_CPU_VALUES.includes(cpu) ? 'memory' : 'cpu',
      message: FARGATE_CPU_VALUES.includes(cpu)
        ? `must be one of ${describeFargateMemory(cpu)} for cpu ${cpu}, got ${memory}`
        : `must be one of ${FARGATE_CPU_VALUES.join(', ')}, got ${cpu}`,
    });
  }
  return problems;
}
