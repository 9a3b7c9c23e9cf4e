/** The CDKTF entry, as `ecs-datadog-readonly/cdktf` exports it. */
export * from './cdktf';
