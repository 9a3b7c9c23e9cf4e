#!/usr/bin/env node
/*
 * Whole-process benchmark: each command runs as a fresh `node` process, interleaved with `node -e 0` in the same
 * run, so the ratios hold on any machine. Wall time is the median of the runs; memory is the peak RSS that
 * /usr/bin/time reports (where it is installed). Exits 1 when a command exceeds its budget.
 *
 *   npm run bench [-- --runs 15] [-- --only check]   (--only: the cases whose name contains the text, beside node -e 0)
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'lib', 'src', 'cli', 'index.js');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 11;
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-datadog-readonly-bench-'));
const hasTime = fs.existsSync('/usr/bin/time');
const estateCount = 5000;
const estate = require('./taskdefs').writeEstate(path.join(work, 'estate'), estateCount);

/** A config near the 1 MiB limit with 200,000-character map keys: HCL rendering must stay linear in key length. */
const longKeys = path.join(work, 'long-keys.json');
fs.writeFileSync(
  longKeys,
  JSON.stringify({
    name: 'long-keys',
    datadog: { apiKeySecretArn: 'arn:aws:ssm:eu-west-1:210987654321:parameter/dd', tags: { ['k'.repeat(200000)]: 'v' } },
    tags: { ['\u65e5'.repeat(60000) + 'e\u0301'.repeat(40000)]: 'w' },
  }),
);

/** synth needs subnets: the shipped application example with one. */
const synthConfig = path.join(work, 'synth.json');
fs.writeFileSync(
  synthConfig,
  JSON.stringify({
    name: 'bench-synth',
    region: 'eu-west-1',
    datadog: { apiKeySecretArn: 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:dd-AbCdEf' },
    network: { subnetIds: ['subnet-0123456789abcdef0'] },
    containers: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', port: 8080, writablePaths: ['/var/cache/nginx'] }],
  }),
);

/**
 * name, argv after `node`, time budget as a multiple of bare node start (undefined: report only), peak RSS budget in
 * MiB (undefined: report only).
 */
const allCases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'generate --format taskdef', args: [cli, 'generate', '--format', 'taskdef', '--force', '--out', path.join(work, 'taskdef')], budget: 3 },
  { name: 'generate --format hcl', args: [cli, 'generate', '--format', 'hcl', '--force', '--out', path.join(work, 'hcl')] },
  { name: 'generate --format hcl, 200k-char keys', args: [cli, 'generate', '--config', longKeys, '--format', 'hcl', '--force', '--out', path.join(work, 'long')], budget: 10 },
  { name: 'check (embedded default taskdef)', args: [cli, 'check', path.join(root, 'dist', 'task-definition.json')] },
  { name: 'synth (CDKTF, both stacks)', args: [cli, 'synth', '--config', synthConfig, '--out', path.join(work, 'cdktf.out')], budget: 6 },
  ...['table', 'json', 'sarif'].map((format) => ({
    name: `check ${estateCount} task definitions --format ${format}`,
    args: [cli, 'check', '--format', format, estate],
    budget: 15,
    rssMiB: 150,
  })),
];

const cases = allCases.filter((c, i) => i === 0 || only === undefined || c.name.includes(only));

function runOnce(args) {
  const argv = hasTime ? ['-f', '%M', process.execPath, ...args] : args;
  const start = process.hrtime.bigint();
  // stdout to /dev/null: the report is measured, not piped into this process
  const r = spawnSync(hasTime ? '/usr/bin/time' : process.execPath, argv, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rssKiB = hasTime ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { ok: r.status === 0 || r.status === 1, ms, rssKiB, stderr: r.stderr };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const samples = new Map(cases.map((c) => [c.name, { ms: [], rss: [], error: undefined }]));

for (let i = 0; i < runs; i++) {
  for (const c of cases) {
    const s = samples.get(c.name);
    if (s.error) continue;
    const r = runOnce(c.args);
    if (!r.ok) s.error = r.stderr.split('\n').find((l) => l.trim()) || 'failed';
    s.ms.push(r.ms);
    s.rss.push(r.rssKiB);
  }
}

const base = samples.get('node -e 0');
const baseMs = median(base.ms);
const baseRss = median(base.rss);
let over = false;
const rows = [['command', 'median ms', 'x node', 'budget', 'peak RSS MiB', 'x node', 'RSS budget']];
for (const c of cases) {
  const s = samples.get(c.name);
  if (s.error) {
    rows.push([c.name, 'error', s.error.slice(0, 60), '', '', '', '']);
    over = over || c.budget !== undefined;
    continue;
  }
  const ms = median(s.ms);
  const rss = median(s.rss);
  const ratio = ms / baseMs;
  const pass = c.budget === undefined || ratio <= c.budget;
  const rssMiB = rss / 1024;
  const rssPass = c.rssMiB === undefined || Number.isNaN(rss) || rssMiB <= c.rssMiB;
  over = over || !pass || !rssPass;
  rows.push([
    c.name,
    ms.toFixed(0),
    ratio.toFixed(2),
    c.budget === undefined ? '-' : `<= ${c.budget}x ${pass ? 'ok' : 'OVER'}`,
    Number.isNaN(rss) ? 'n/a' : (rss / 1024).toFixed(0),
    Number.isNaN(rss) ? 'n/a' : (rss / baseRss).toFixed(2),
    c.rssMiB === undefined ? '-' : `<= ${c.rssMiB} MiB ${rssPass ? 'ok' : 'OVER'}`,
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
for (const r of rows) console.log(r.map((cell, i) => String(cell).padEnd(widths[i])).join('  '));
console.log(`\n${runs} runs each, interleaved; node ${process.version}; ${os.cpus().length} cpus`);
fs.rmSync(work, { recursive: true, force: true });
process.exitCode = over ? 1 : 0;
