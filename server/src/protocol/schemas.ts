// zod schemas for every REST body and socket payload that a client sends.
import { z } from 'zod';
import { LIFECYCLE_ACTIONS, SESSION_KINDS, STAFF_ROLES } from './enums.ts';

const id = z.uuid();
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** A wall-clock time in the town's time zone, as an <input type="datetime-local"> gives it. */
// The messages are keys that the server translates (server/src/lib/messages.ts).
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'datetime_local')
  .refine(isRealDateTime, 'datetime_local');
const localDate = z.iso.date('date');

/** "2027-02-30T25:61" has the right shape but names no moment. */
function isRealDateTime(value: string): boolean {
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0] = value.split(/[-T:]/).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi
  );
}

/** How a new session repeats; weekday and time come from its first start. */
export const recurrenceInputSchema = z.discriminatedUnion('frequency', [
  z.object({ frequency: z.literal('none') }),
  z.object({
    frequency: z.literal('weekly'),
    interval: z.int().min(1).max(4).default(1),
    until: localDate.optional(),
  }),
  z.object({
    frequency: z.literal('monthly_nth_weekday'),
    nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]),
    until: localDate.optional(),
  }),
]);
export type RecurrenceInput = z.infer<typeof recurrenceInputSchema>;

export const agendaItemInputSchema = z.object({
  id: id.optional(),
  title: text(2, 300),
  description: z.string().trim().max(2000).default(''),
  offsetMinutes: z.int().min(0).max(1440).nullable().default(null),
});
export type AgendaItemInput = z.infer<typeof agendaItemInputSchema>;

export const agendaInputSchema = z.object({
  items: z.array(agendaItemInputSchema).max(100),
});

// Field rules without defaults: update schemas are these made partial, so an edit never
// resets a field it did not mention (zod keeps .default() inside .partial()).
const sessionFields = {
  kind: z.enum(SESSION_KINDS),
  title: text(3, 200),
  description: z.string().trim().max(5000),
  locality: z.string().trim().max(200),
  scheduledStart: localDateTime,
  durationMinutes: z.int().min(5).max(720),
  hostIds: z.array(id).max(20),
  /** The part of town it is about: residents subscribed to that part hear of it. */
  neighbourhoodId: id.nullable(),
};

export const sessionInputSchema = z.object({
  ...sessionFields,
  description: sessionFields.description.default(''),
  locality: sessionFields.locality.default(''),
  hostIds: sessionFields.hostIds.default([]),
  neighbourhoodId: sessionFields.neighbourhoodId.default(null),
  agenda: z.array(agendaItemInputSchema).max(100).default([]),
  recurrence: recurrenceInputSchema.default({ frequency: 'none' }),
});
export type SessionInput = z.infer<typeof sessionInputSchema>;

/** Editing one session; the series it came from is not changed. */
export const sessionUpdateSchema = z.object(sessionFields).partial();
export type SessionUpdate = z.infer<typeof sessionUpdateSchema>;

export const lifecycleInputSchema = z.object({
  action: z.enum(LIFECYCLE_ACTIONS),
  reason: z.string().trim().max(500).optional(),
});

const officialFields = {
  name: text(2, 120),
  roleTitle: text(2, 120),
  bio: z.string().trim().max(2000),
  departmentId: id.nullable(),
  sortOrder: z.int().min(0).max(10_000),
};

export const officialInputSchema = z.object({
  ...officialFields,
  bio: officialFields.bio.default(''),
  departmentId: officialFields.departmentId.default(null),
  sortOrder: officialFields.sortOrder.default(0),
});
export type OfficialInput = z.infer<typeof officialInputSchema>;
export const officialUpdateSchema = z
  .object({ ...officialFields, isActive: z.boolean() })
  .partial();
export type OfficialUpdate = z.infer<typeof officialUpdateSchema>;

const departmentFields = {
  name: text(2, 120),
  description: z.string().trim().max(2000),
  email: z.email().nullable(),
};

export const departmentInputSchema = z.object({
  ...departmentFields,
  description: departmentFields.description.default(''),
  email: departmentFields.email.default(null),
});
export type DepartmentInput = z.infer<typeof departmentInputSchema>;
export const departmentUpdateSchema = z.object(departmentFields).partial();
export type DepartmentUpdate = z.infer<typeof departmentUpdateSchema>;

const password = z.string().min(12).max(200);

export const staffCreateSchema = z.object({
  email: z.email().max(200),
  name: text(2, 120),
  role: z.enum(STAFF_ROLES),
  password,
  departmentIds: z.array(id).max(50).default([]),
});
export type StaffCreateInput = z.infer<typeof staffCreateSchema>;

export const staffUpdateSchema = z.object({
  name: text(2, 120).optional(),
  role: z.enum(STAFF_ROLES).optional(),
  isActive: z.boolean().optional(),
  departmentIds: z.array(id).max(50).optional(),
  password: password.optional(),
});
export type StaffUpdateInput = z.infer<typeof staffUpdateSchema>;

export const loginSchema = z.object({
  email: z.email().max(200),
  password: z.string().min(1).max(200),
});

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: password,
});

export const displayNameSchema = z.object({
  displayName: text(2, 60),
});

export const sessionRefSchema = z.object({ sessionId: id });
export const sessionLifecycleEventSchema = sessionRefSchema.extend(lifecycleInputSchema.shape);

/** A moderator marks the agenda item under discussion now (null: none, e.g. a break). */
export const currentAgendaSchema = z.object({ agendaItemId: id.nullable() });
