/** docs/RULES.md, rendered from the rule table. */

import { ACCEPT_LABEL_PREFIX } from '../model/datadog';
import { RULES } from './rules/table';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderRulesDoc(): string {
  const lines = [
    '# Compliance rules',
    '',
    '<!-- Generated from src/compliance/rules/table.ts by `npm start`; do not edit. -->',
    '',
    '`ecs-datadog-readonly check` runs these rules on task definition JSON, `aws ecs describe-task-definition` output,',
    'Terraform JSON (`*.tf.json`), Terraform plan JSON and this tool\'s config. Each rule reports compliant, non-compliant, not-applicable, or',
    'error when it cannot evaluate its input (a Terraform expression, for instance); an error never counts as a pass.',
    '',
    `A finding on a container is accepted only by a docker label on that container, \`${ACCEPT_LABEL_PREFIX}<RULE_ID>\`,`,
    'whose value is the written reason. An empty reason accepts nothing; accepted findings are always listed with their',
    'reason. `--skip <RULE_ID>` leaves a rule out and the report says so.',
    '',
    '## Usage',
    '',
    '```sh',
    'ecs-datadog-readonly check task-definition.json                      # a table for people',
    'ecs-datadog-readonly check cdk.tf.json service.yaml --format sarif   # several files; json or sarif for machines',
    'ecs-datadog-readonly check infra/ --format sarif > check.sarif       # every *.json below a directory',
    'terraform show -json plan.out | ecs-datadog-readonly check -         # a plan, from standard input',
    'ecs-datadog-readonly check task-definition.json --skip ECS.20        # leave a rule out (the report says so)',
    'ecs-datadog-readonly fix task-definition.json --out fixed.json --api-key-secret-arn <ARN>',
    '```',
    '',
    'Inputs: a RegisterTaskDefinition JSON, `aws ecs describe-task-definition` output, Terraform JSON whose',
    '`aws_ecs_task_definition.container_definitions` is literal JSON (with `aws_ecs_service` and `aws_ecs_cluster` when',
    'present), Terraform plan JSON (`terraform show -json plan.out`: the planned task definitions with the service and',
    'cluster they are linked to), or this tool\'s YAML or JSON config (checked as the deployment it generates). A directory',
    'stands for every `*.json` below it (`.git`, `node_modules` and `.terraform` left out); a JSON file there that is none of',
    'these (a `package.json`) is skipped. `-` reads standard input. Where `container_definitions` is an expression such as',
    '`${jsonencode(...)}`, one note says to check the plan JSON instead. A task definition whose `requiresCompatibilities`',
    'lacks `FARGATE` is not a Fargate task (ECS registers it for EC2 only), so the Fargate-only rules do not apply.',
    '',
    'Only regular files are read, each at most 32 MiB: a FIFO, a device or a larger file is refused without being read. An',
    'input that cannot be read or is not a task definition is reported in every format (in SARIF as a',
    '`toolExecutionNotification`) and the other inputs are still checked.',
    '',
    'Exit codes: 0 when every finding is accepted or skipped, 1 when a finding stands, a rule could not evaluate its',
    'input or an input could not be checked, 2 when nothing could be checked or for bad usage (unknown `--skip` rule id).',
    '',
    '`fix` makes every container read-only; gives the Datadog Agent its writable volumes, health check and config init',
    'container (with `dependsOn` SUCCESS); gives application containers the sockets volume (read-only), the agent',
    'dependency (HEALTHY) and `DD_TRACE_AGENT_URL`/`DD_DOGSTATSD_URL`; adds missing awslogs configurations from an',
    'existing awslogs group; moves a plaintext `DD_API_KEY` to `secrets` (only with `--api-key-secret-arn`; without it',
    'nothing is written). It keeps every other key as it was, never invents a `user` for application containers, and a',
    'second run changes nothing. `--add-agent` adds the agent to a task that has none. In Terraform JSON it rewrites',
    'each literal `container_definitions` and adds `volume` blocks; an expression such as `${jsonencode(...)}` is refused.',
    'fix changes task definitions only: a public IP (ECS.2), a pinned platform version (ECS.10) or a cluster without',
    'Container Insights (ECS.12) stay as they are, because changing them can cut a service off its network or its budget.',
    '',
    '## The Datadog Agent and ECS.20',
    '',
    'The stock agent image has no `USER` line and runs as root, and Fargate task volumes are root-owned, so a non-root',
    'agent or init container cannot write the volumes a read-only root needs. The generator therefore marks ECS.20 on',
    `the \`datadog-agent\` and \`datadog-init\` containers as accepted, with that reason, in a \`${ACCEPT_LABEL_PREFIX}ECS.20\``,
    'label; every root filesystem stays read-only, no container is privileged, and the API key is only a secret ARN.',
    'Alternatives, when the finding must go:',
    '',
    '- An agent image of your own that declares the writable paths as `VOLUME`s owned by the `dd-agent` user (UID 100),',
    '  the "custom Agent image" route of Datadog\'s read-only root filesystem guide, with `user` set to `100` on the',
    '  agent; first verify on your Fargate platform version that such volumes start with the image\'s owner. The init',
    '  container is then no longer needed.',
    '- Remove the label and keep the finding open as a tracked exception in your own process, or `--skip ECS.20` in',
    '  a pipeline that checks it elsewhere. Nothing is accepted without a label that states why.',
    '',
    '## Rules',
    '',
    '| Id | Title | Severity | Source |',
    '|---|---|---|---|',
    ...RULES.map((r) => `| [${r.id}](#${anchor(r.id)}) | ${cell(r.title)} | ${r.severity} | ${cell(r.source)} |`),
    '',
  ];
  for (const r of RULES) {
    lines.push(`### ${r.id}`, '', `**${r.title}** (${r.severity}; ${r.source})`, '', r.explanation, '', `Remediation: ${r.remediation}`, '');
  }
  return lines.join('\n');
}

const anchor = (id: string): string => id.toLowerCase().replace(/[^a-z0-9_ -]/g, '');
