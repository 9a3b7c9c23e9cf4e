/** CDKTF entry point (`cdktf.json`: `node lib/main.js`). The config file comes from $ECS_DATADOG_READONLY_CONFIG. */
import { loadConfig } from './src/config/load';
import { UserError } from './src/errors';
import { CONFIG_ENV, DEFAULT_SYNTH_DIR, synthCdktfApp } from './src/render/cdktf-app';

try {
  // `cdktf synth` passes its output directory in CDKTF_OUTDIR.
  synthCdktfApp(loadConfig(process.env[CONFIG_ENV] || undefined), process.env.CDKTF_OUTDIR || DEFAULT_SYNTH_DIR);
} catch (err) {
  if (!(err instanceof UserError)) throw err;
  process.stderr.write(`error: ${err.describe()}\n`);
  process.exitCode = err.exitCode;
}
