/** Helpers for synthesised CDKTF JSON, whose resource names come from construct paths. */
import type { ResolvedConfig } from '../../src/config/types';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The one resource (or data source) of a type: its name and body. Fails when there is not exactly one. */
export function only(json: Json, type: string, kind: 'resource' | 'data' = 'resource'): { name: string; body: Json } {
  const entries = Object.entries((json[kind]?.[type] ?? {}) as Record<string, Json>);
  if (entries.length !== 1) throw new Error(`expected exactly one ${kind} ${type}, found ${entries.map(([n]) => n).join(', ') || 'none'}`);
  return { name: entries[0][0], body: entries[0][1] };
}

/** The deployable stack needs subnets; configs written for the module often leave them to deploy time. */
export function withSubnets(config: ResolvedConfig): ResolvedConfig {
  if (config.network.subnetIds.length > 0) return config;
  return { ...config, network: { ...config.network, subnetIds: ['subnet-0a1b2c3d4e5f60718'] } };
}
