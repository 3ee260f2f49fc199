// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import { parseConfig } from '../config.ts';
import { logger } from '../lib/logger.ts';
import { openDatabase } from './database.ts';

const config = parseConfig();
const db = await openDatabase({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.dataDir,
  logger,
});
logger.info({ database: db.kind }, 'database is up to date');
await db.close();
