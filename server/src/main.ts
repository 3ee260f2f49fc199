// `npm start` / `npm run serve`: parse the config, start, and shut down cleanly on signals.
import { ConfigError, parseConfig, type Config } from './config.ts';
import { logger } from './lib/logger.ts';
import { startApp } from './app.ts';

let config: Config;
try {
  config = parseConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
logger.level = config.LOG_LEVEL;

const app = await startApp(config, logger);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
