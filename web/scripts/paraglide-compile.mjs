// Compiles messages/*.json into src/lib/paraglide without vite, so that `npm run check`
// (svelte-check) works on a clean checkout. Exits explicitly: timers in paraglide's wasm SDK
// would otherwise keep Node alive.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide.options.js';

process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));

let log = '';
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  log += String(chunk);
  return write(chunk, ...rest);
};
const warn = console.warn;
console.warn = (...args) => {
  log += args.map(String).join(' ');
  warn(...args);
};

try {
  await compile(paraglideOptions);
} catch (error) {
  console.error(error);
  process.exit(1);
}
if (/PluginImportError/.test(log)) {
  console.error('paraglide-compile: an inlang plugin could not be loaded (see above).');
  process.exit(1);
}
process.exit(0);
