// Live chat and moderation of people: messages, hiding, holding for review, bans, settings.
import { z } from 'zod';

export const CHAT_MAX_LENGTH = 500;
/** Messages a page gets on join. */
export const CHAT_HISTORY = 100;
export const CHAT_STATUSES = ['published', 'held', 'hidden'] as const;
export type ChatMessageStatus = (typeof CHAT_STATUSES)[number];
export const BAN_SCOPES = ['session', 'everywhere'] as const;
export type BanScope = (typeof BAN_SCOPES)[number];

const id = z.uuid();

export const chatSendSchema = z.object({
  sessionId: id,
  text: z.string().trim().min(1).max(CHAT_MAX_LENGTH),
  authorName: z.string().trim().min(2).max(60).optional(),
  /** Staff only: write as one of the session's officials ("the mayor is speaking"). */
  officialId: id.nullable().default(null),
});
export type ChatSend = z.infer<typeof chatSendSchema>;

export const chatModerateSchema = z.object({
  sessionId: id,
  messageId: id,
  /** hide: gone for everyone; release: publish a message held for a blocked word. */
  action: z.enum(['hide', 'release']),
});

export const banSchema = z.object({
  sessionId: id,
  participantId: id,
  scope: z.enum(BAN_SCOPES),
  reason: z.string().trim().max(500).default(''),
});

export const unbanSchema = z.object({ sessionId: id, banId: id });

export const sessionSettingsSchema = z
  .object({
    sessionId: id,
    questionsOpen: z.boolean(),
    preModeration: z.boolean(),
    chatEnabled: z.boolean(),
    chatSlowModeSeconds: z.int().min(0).max(3600),
    namesRequired: z.boolean(),
  })
  .partial()
  .required({ sessionId: true });
export type SessionSettingsPatch = z.infer<typeof sessionSettingsSchema>;

export const blockedWordsSchema = z.object({
  words: z.array(z.string().trim().min(2).max(60)).max(2000),
});

export interface SessionSettingsDto {
  questionsOpen: boolean;
  preModeration: boolean;
  chatEnabled: boolean;
  chatSlowModeSeconds: number;
  namesRequired: boolean;
}

export interface ChatMessageDto {
  id: string;
  sessionId: string;
  text: string;
  authorName: string | null;
  /** Written by town staff: shown with a badge. */
  staff: boolean;
  /** The official who is speaking, when staff wrote as one. */
  official: { id: string; name: string; roleTitle: string } | null;
  status: ChatMessageStatus;
  createdAt: string;
}

export interface ModChatMessageDto extends ChatMessageDto {
  participantId: string;
  heldFor: string[];
  hiddenBy: { id: string; name: string } | null;
}

export interface BanDto {
  id: string;
  sessionId: string | null;
  participantId: string;
  participantName: string | null;
  scope: BanScope;
  reason: string;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  liftedAt: string | null;
}

export interface BlockedWordsDto {
  words: string[];
  updatedAt: string | null;
}
