// First start on an empty database: the first admin (never a fixed default password)
// and, unless SEED_DEMO=false, the demo town. Safe when several nodes start at once.
import { randomBytes } from 'node:crypto';
import type { Prisma } from './db/database.ts';
import { hashPassword } from './features/auth/passwords.ts';
import type { Tx } from './features/sessions/mutations.ts';
import type { Logger } from './lib/logger.ts';
import { ensureBoard } from './features/board/board-session.ts';
import { seedDemo } from './seed/demo.ts';

const BOOTSTRAP_LOCK = 7_307_001;

export interface BootstrapOptions {
  adminEmail: string;
  adminPassword: string | undefined;
  seedDemo: boolean;
  timeZone: string;
  now: Date;
  logger: Logger;
}

/** Runs `fn` in a transaction that holds a database-wide lock (one node at a time). */
export function withBootstrapLock<T>(prisma: Prisma, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`;
      return fn(tx);
    },
    { timeout: 120_000, maxWait: 120_000 },
  );
}

export async function bootstrap(prisma: Prisma, options: BootstrapOptions): Promise<void> {
  const generated = await withBootstrapLock(prisma, async (tx) => {
    if ((await tx.staffUser.count()) > 0) {
      await ensureBoard(tx, options.now); // installations older than the board get one
      return null;
    }
    const password = options.adminPassword ?? randomBytes(12).toString('base64url');
    await tx.staffUser.create({
      data: {
        email: options.adminEmail.toLowerCase(),
        name: 'Správce',
        role: 'admin',
        passwordHash: await hashPassword(password),
      },
    });
    if (options.seedDemo) await seedDemo(tx, options.now, options.timeZone);
    else await ensureBoard(tx, options.now);
    options.logger.info(
      { email: options.adminEmail, demo: options.seedDemo },
      'first start: admin created',
    );
    return options.adminPassword ? null : password;
  });
  if (generated) {
    // Shown once, on the console only; it is stored nowhere but as a hash.
    process.stdout.write(
      `\n  Náměstí: first admin account\n    e-mail:   ${options.adminEmail}\n    password: ${generated}\n  Change it after logging in (Administrace → Účet).\n\n`,
    );
  }
}
