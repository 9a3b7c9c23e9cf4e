import { describeFargateMemory, isFargateSize } from '../../config/constraints';
import { containersOf, fromFindings, taskValue, unlessFargate } from '../access';
import type { Subject } from '../subject';
import type { RuleFinding, RuleResult } from '../types';

/** Task cpu units from `"1024"`, `1024` or `"1 vCPU"`; memory MiB from `"2048"`, `2048` or `"2 GB"`. */
export function parseUnits(value: unknown, unit: RegExp): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const plain = /^\s*(\d+)\s*$/.exec(value);
  if (plain) return Number(plain[1]);
  const scaled = new RegExp(`^\\s*(\\d+(?:\\.\\d+)?)\\s*${unit.source}\\s*$`, 'i').exec(value);
  return scaled ? Math.round(Number(scaled[1]) * 1024) : undefined;
}

/** FARGATE.SIZE: task cpu and memory form a Fargate size, and the containers fit in it. */
export function fargateSize(subject: Subject): RuleResult {
  const notFargate = unlessFargate(subject);
  if (notFargate) return notFargate;
  const cpuValue = taskValue(subject, 'cpu');
  if (!cpuValue.ok) return cpuValue.result;
  const memoryValue = taskValue(subject, 'memory');
  if (!memoryValue.ok) return memoryValue.result;
  const cpu = parseUnits(cpuValue.value, /vcpu/);
  const memory = parseUnits(memoryValue.value, /gb/);
  const findings: RuleFinding[] = [];
  if (cpu === undefined || memory === undefined) {
    if (cpu === undefined) findings.push({ message: `task cpu is ${describe(cpuValue.value)}; Fargate needs task-level cpu`, path: subject.taskPath('cpu') });
    if (memory === undefined) findings.push({ message: `task memory is ${describe(memoryValue.value)}; Fargate needs task-level memory`, path: subject.taskPath('memory') });
    return fromFindings(findings);
  }
  if (!isFargateSize(cpu, memory)) {
    findings.push({
      message: `cpu ${cpu} with memory ${memory} is not a Fargate size; memory for cpu ${cpu} must be ${describeFargateMemory(cpu)}`,
      path: subject.taskPath('memory'),
    });
  }
  const containers = containersOf(subject);
  // A definite failure stands; otherwise the containers must be readable to know they fit.
  if (!containers.ok) return findings.length > 0 ? fromFindings(findings) : containers.result;
  const sum = (key: string) => containers.list.reduce((total, c) => total + (typeof c.def[key] === 'number' ? (c.def[key] as number) : 0), 0);
  if (sum('cpu') > cpu) findings.push({ message: `the containers reserve ${sum('cpu')} cpu units, more than the task's ${cpu}`, path: subject.taskPath('containerDefinitions') });
  if (sum('memory') > memory) findings.push({ message: `the containers' memory limits add up to ${sum('memory')} MiB, more than the task's ${memory}`, path: subject.taskPath('containerDefinitions') });
  return fromFindings(findings);
}

const describe = (value: unknown): string => (value === undefined ? 'absent' : JSON.stringify(value));
