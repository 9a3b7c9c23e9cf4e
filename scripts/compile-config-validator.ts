/**
 * Writes the config validator as standalone JavaScript beside the built `validate.js` (part of `npm run build`), so
 * commands that read a config do not compile the schema at start.
 *
 *   node lib/scripts/compile-config-validator.js
 */
import * as fs from 'fs';
import * as path from 'path';
import { COMPILED_VALIDATOR_FILE, compiledValidatorSource } from '../src/config/compiled-validator';

const target = path.resolve(__dirname, '..', 'src', 'config', COMPILED_VALIDATOR_FILE);
fs.writeFileSync(target, compiledValidatorSource());
