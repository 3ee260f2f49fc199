// Staff login sessions: argon2 passwords, opaque tokens (only their hash stored),
// and rate limits per IP and per account against password guessing.
import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from '../../db/database.ts';
import { AppError, fieldError } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { LimiterFactory } from '../../lib/rate-limit.ts';
import type { StaffUserDto } from '../../protocol/dto.ts';
import { recordAudit } from '../audit/mutations.ts';
import { staffInclude, toStaffDto } from '../staff/data.ts';
import type { Locale } from '../../lib/validation.ts';
import { say, type StaffIdentity } from './actor.ts';
import { STAFF_TOKEN_TTL_MS } from './cookies.ts';
import { hashPassword, timingSafeDummyHash, verifyPassword } from './passwords.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface AuthServiceDeps {
  prisma: Prisma;
  clock: Clock;
  limiters: LimiterFactory;
}

export function createAuthService({ prisma, clock, limiters }: AuthServiceDeps) {
  // Per IP: generous, stops scripted guessing. Per account: strict, stops targeted guessing.
  const perIp = limiters({ keyPrefix: 'login-ip', points: 30, duration: 15 * 60 });
  const perAccount = limiters({ keyPrefix: 'login-account', points: 8, duration: 15 * 60 });
  const invalid = (locale: Locale) =>
    new AppError(
      'unauthenticated',
      say({ locale }, 'Nesprávný e-mail nebo heslo', 'Wrong e-mail or password'),
    );

  return {
    async login(input: {
      email: string;
      password: string;
      ip: string;
      userAgent?: string;
      locale: Locale;
    }) {
      const email = input.email.trim().toLowerCase();
      // Points are spent before the (slow) password check, so a burst of parallel guesses
      // cannot all slip past the limit; a success gives them back, so staff behind one
      // town-hall NAT never lock each other out.
      await Promise.all([perIp.consume(input.ip), perAccount.consume(email)]);
      const user = await prisma.staffUser.findUnique({ where: { email }, include: staffInclude });
      const ok = await verifyPassword(
        user?.passwordHash ?? (await timingSafeDummyHash()),
        input.password,
      );
      if (!user || !ok || !user.isActive) throw invalid(input.locale);
      await Promise.all([perIp.reward(input.ip), perAccount.reset(email)]);
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      await prisma.$transaction([
        prisma.authToken.create({
          data: {
            tokenHash: hashToken(token),
            staffUserId: user.id,
            userAgent: input.userAgent?.slice(0, 300) ?? null,
            expiresAt: new Date(now.getTime() + STAFF_TOKEN_TTL_MS),
          },
        }),
        prisma.staffUser.update({ where: { id: user.id }, data: { lastLoginAt: now } }),
      ]);
      return { token, staff: toStaffDto({ ...user, lastLoginAt: now }) };
    },

    async logout(token: string | undefined) {
      if (token) await prisma.authToken.deleteMany({ where: { tokenHash: hashToken(token) } });
    },

    /** The staff member behind a cookie token, or null if unknown, expired or deactivated. */
    async resolve(token: string | undefined): Promise<StaffIdentity | null> {
      if (!token || token.length > 100) return null;
      const row = await prisma.authToken.findUnique({
        where: { tokenHash: hashToken(token) },
        include: { staffUser: { select: { id: true, role: true, name: true, isActive: true } } },
      });
      if (!row || row.expiresAt <= clock.now() || !row.staffUser.isActive) return null;
      const { id, role, name } = row.staffUser;
      return { id, role, name };
    },

    async me(staffId: string): Promise<StaffUserDto | null> {
      const row = await prisma.staffUser.findUnique({
        where: { id: staffId },
        include: staffInclude,
      });
      return row ? toStaffDto(row) : null;
    },

    /** Changes the password and ends every other login of this account. */
    async changePassword(
      staff: StaffIdentity,
      input: { currentPassword: string; newPassword: string; locale: Locale },
      currentToken: string | undefined,
    ) {
      await perAccount.consume(`pw:${staff.id}`);
      const user = await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } });
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        const message = say(input, 'Současné heslo není správné', 'Current password is wrong');
        throw fieldError('currentPassword', message);
      }
      const passwordHash = await hashPassword(input.newPassword);
      const keep = currentToken ? hashToken(currentToken) : '';
      await prisma.$transaction(async (tx) => {
        await tx.staffUser.update({ where: { id: staff.id }, data: { passwordHash } });
        await tx.authToken.deleteMany({
          where: { staffUserId: staff.id, NOT: { tokenHash: keep } },
        });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'staff.password_changed',
          entityType: 'staff_user',
          entityId: staff.id,
        });
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
