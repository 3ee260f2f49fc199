// Builds web/ with vite (SvelteKit + adapter-node) and fails loudly where vite would not.
//
// - Paraglide only *warns* when it cannot load its plugin module (`PluginImportError`) and the
//   build still exits 0, yet every page then answers 500. We tee the log and fail on it.
// - Timers in paraglide's wasm SDK keep Node alive after the build; we exit explicitly.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');
const FATAL_PATTERNS = [/PluginImportError/];

let log = '';
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => {
    log += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return write(chunk, ...rest);
  };
}

/** @param {string} message */
function fail(message) {
  process.stderr.write(`\nbuild-web: ${message}\n`);
  process.exit(1);
}

try {
  process.chdir(webDir);
  // vite is a dependency of web/, not of the repository root: resolve it from there.
  const vitePath = createRequire(path.join(webDir, 'package.json')).resolve('vite');
  /** @type {typeof import('vite')} */
  const { build } = await import(pathToFileURL(vitePath).href);
  await build({
    root: webDir,
    configFile: path.join(webDir, 'vite.config.ts'),
    mode: 'production',
  });
} catch (error) {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  fail('vite build failed.');
}

const fatal = FATAL_PATTERNS.find((pattern) => pattern.test(log));
if (fatal) {
  fail(
    `the build log contains ${fatal.source}: an inlang plugin in web/project.inlang/settings.json ` +
      'could not be loaded, so every page would answer 500. Check its "modules" path ' +
      '(relative to web/, the folder that contains project.inlang).',
  );
}
if (!existsSync(path.join(webDir, 'build', 'handler.js'))) {
  fail('web/build/handler.js is missing after the build.');
}
process.stdout.write('build-web: ok (web/build/handler.js)\n');
process.exit(0);
