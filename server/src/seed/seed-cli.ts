// `npm run db:seed`: adds the demo town to a database that has no sessions yet.
import { withBootstrapLock } from '../bootstrap.ts';
import { parseConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { logger } from '../lib/logger.ts';
import { seedDemo } from './demo.ts';

const config = parseConfig();
const db = await openDatabase({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.dataDir,
  logger,
});
const seeded = await withBootstrapLock(db.prisma, async (tx) => {
  if ((await tx.session.count()) > 0) return false;
  await seedDemo(tx, new Date(), config.TOWN_TIME_ZONE);
  return true;
});
logger.info(seeded ? 'demo town added' : 'the database already has sessions; nothing added');
await db.close();
