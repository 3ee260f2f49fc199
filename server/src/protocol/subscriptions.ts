// The wire contract of e-mail subscriptions (a resident's choices, confirmed by a link; managed
// and deleted by the token in any of our e-mails) and of the town's targeted announcements.
import { z } from 'zod';
import { SESSION_KINDS, type SchedulableKind } from './enums.ts';
import { localDateTime } from './schemas.ts';

const id = z.uuid();
/** Unique ids; an empty list means "no restriction" on that dimension. No default here: the
 * update schema is partial, and a default would reset a list the edit did not mention. */
const uniqueIds = (max: number) =>
  z
    .array(id)
    .max(max)
    .transform((list) => [...new Set(list)]);
const ids = (max: number) => uniqueIds(max).default([]);

export const SUBSCRIPTION_NOTICES = ['reminders', 'live', 'recording', 'announcements'] as const;
export type SubscriptionNotice = (typeof SUBSCRIPTION_NOTICES)[number];

/** What a resident wants to hear about. Every empty list = all of them. */
export const subscriptionChoicesSchema = z.object({
  /** Board topics (for announcements). */
  topicIds: ids(50),
  /** Parts of town (sessions tied to one, and announcements). */
  neighbourhoodIds: ids(100),
  kinds: z
    .array(z.enum(SESSION_KINDS))
    .max(SESSION_KINDS.length)
    .default([])
    .transform((list) => [...new Set(list)]),
  /** Which e-mails: reminders 24 h and 1 h before, "live now", "recording ready", announcements. */
  notices: z
    .object({
      reminders: z.boolean().default(true),
      live: z.boolean().default(true),
      recording: z.boolean().default(true),
      announcements: z.boolean().default(true),
    })
    .prefault({}),
});
export type SubscriptionChoices = z.output<typeof subscriptionChoicesSchema>;

export const subscribeSchema = subscriptionChoicesSchema.extend({
  email: z.email().max(200),
});
export type SubscribeInput = z.output<typeof subscribeSchema>;

/** The secret from a link in one of our e-mails. */
export const subscriptionTokenQuerySchema = z.object({
  token: z.string().min(16).max(100),
});

export interface SubscriptionDto {
  email: string;
  confirmed: boolean;
  topicIds: string[];
  neighbourhoodIds: string[];
  kinds: SchedulableKind[];
  notices: Record<SubscriptionNotice, boolean>;
}

/** The answer to subscribing: the same whether the address was new, so it reveals nothing. */
export interface SubscribeResultDto {
  status: 'check_inbox';
}

export const ANNOUNCEMENT_STATUSES = ['scheduled', 'sent', 'cancelled'] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];

/** Who an announcement goes to: confirmed subscribers of these topics × parts of town. */
export const announcementAudienceSchema = z.object({
  topicIds: ids(50),
  neighbourhoodIds: ids(100),
});
export type AnnouncementAudience = z.output<typeof announcementAudienceSchema>;

export const announcementInputSchema = announcementAudienceSchema.extend({
  subject: z.string().trim().min(3).max(200),
  text: z.string().trim().min(1).max(20_000),
  /** Town wall-clock time ("2026-12-07T09:00"), not before the current minute; absent or
   * null = now. */
  sendAt: localDateTime.nullish(),
});
export type AnnouncementInput = z.output<typeof announcementInputSchema>;

export const announcementUpdateSchema = z
  .object({
    subject: z.string().trim().min(3).max(200),
    text: z.string().trim().min(1).max(20_000),
    topicIds: uniqueIds(50),
    neighbourhoodIds: uniqueIds(100),
    sendAt: localDateTime.nullable(),
  })
  .partial();
export type AnnouncementUpdate = z.output<typeof announcementUpdateSchema>;

export const announcementQuerySchema = z.object({
  status: z.enum(ANNOUNCEMENT_STATUSES).optional(),
});

export interface AnnouncementDto {
  id: string;
  subject: string;
  text: string;
  topicIds: string[];
  neighbourhoodIds: string[];
  /** ISO instant. */
  sendAt: string;
  status: AnnouncementStatus;
  /** E-mails it went out as; null until sent. */
  recipients: number | null;
  /** Confirmed subscribers its audience reaches now, while it is scheduled; null otherwise. */
  reach: number | null;
  sentAt: string | null;
  cancelledAt: string | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface AnnouncementPreviewDto {
  /** Confirmed subscribers the audience reaches now. */
  recipients: number;
}
