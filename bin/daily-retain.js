#!/usr/bin/env node
// Built by `npm run build` (the prepare script of `npm install`).
require('../dist/cli.js');
