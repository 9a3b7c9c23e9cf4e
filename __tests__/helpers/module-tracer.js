// Loaded with `node --require`: at exit, writes every loaded CommonJS module path to $MODULE_TRACE_FILE.
'use strict';
const fs = require('fs');
process.on('exit', () => {
  if (process.env.MODULE_TRACE_FILE) fs.writeFileSync(process.env.MODULE_TRACE_FILE, Object.keys(require.cache).join('\n'));
});
