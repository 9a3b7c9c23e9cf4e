/**
 * Writes docs/RULES.md from the rule table; with --check, exits 1 when the file is out of date.
 * Run: npm run docs:rules
 */

import * as fs from 'fs';
import * as path from 'path';
import { renderRulesDoc } from '../src/compliance/rules-doc';

const target = path.join(__dirname, '..', '..', 'docs', 'RULES.md');
const wanted = renderRulesDoc();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== wanted) {
    process.stderr.write(`${target} is out of date; run npm run docs:rules\n`);
    process.exitCode = 1;
  }
} else {
  fs.writeFileSync(target, wanted);
}
