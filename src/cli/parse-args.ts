// Node's own `util.parseArgs`, from its polyfill: the built-in one arrived in Node 16.17 and
// 18.3, and the CLIs must run on 16.13, the cloud's oldest runtime, like the functions.
// The polyfill is the same code (https://github.com/pkgjs/parseargs), so every Node
// version parses flags, and words its errors, the same way. esbuild bundles it.
import type { parseArgs as nodeParseArgs } from 'node:util';

// The package ships no types: it is util.parseArgs, so it takes util.parseArgs's.
export const parseArgs: typeof nodeParseArgs = require('@pkgjs/parseargs').parseArgs;
