// What a feature hands the outbox. Checked once at enqueue, so the sender never meets a message
// it cannot build: a bad one is the calling feature's bug and fails inside its transaction.
import { z } from 'zod';

/** Set by the sender itself (or by nodemailer from the parts); a feature may not override them. */
const RESERVED_HEADERS = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'return-path',
]);

/** One line: a CR or LF in a header would let text start headers of its own. */
const oneLine = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !/[\r\n]/.test(v), 'must be one line');

const headerName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,76}$/, 'must be a header name')
  .refine((name) => {
    const lower = name.toLowerCase();
    return !RESERVED_HEADERS.has(lower) && !lower.startsWith('content-');
  }, 'is set by the sender');

export const mailAttachmentSchema = z.object({
  filename: oneLine(200).min(1),
  /** e.g. `text/calendar; charset=utf-8; method=REQUEST` for an invitation. */
  contentType: oneLine(200).regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, 'must be a MIME type'),
  /** Text (an ICS file); stored as is and encoded by nodemailer. */
  content: z.string().max(1_000_000),
});

export const mailMessageSchema = z.object({
  /** One recipient. */
  to: z.email(),
  subject: oneLine(300).min(1),
  text: z.string().min(1).max(500_000),
  html: z.string().max(1_000_000).optional(),
  /** e.g. { 'List-Unsubscribe': '<https://…>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } */
  headers: z.record(headerName, oneLine(2_000)).default({}),
  attachments: z.array(mailAttachmentSchema).max(10).default([]),
  /** The notice's identity, e.g. `session.reminder:<sessionId>:<subscriptionId>`: enqueueing
   * it again (a retried transaction, a job run twice) returns the stored message. */
  dedupeKey: z.string().min(1).max(300),
  /** What it is, for the admin view: `subscription.confirm`, `session.reminder`, … */
  kind: z
    .string()
    .regex(/^[a-z0-9_.-]{1,60}$/)
    .optional(),
});

export type MailMessage = z.input<typeof mailMessageSchema>;
export type MailAttachment = z.output<typeof mailAttachmentSchema>;
