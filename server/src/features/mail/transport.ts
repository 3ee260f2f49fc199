// The one place that speaks SMTP (nodemailer). The sender hands it a finished message; a
// rejection or a broken connection comes back as a thrown error to be retried or given up.
import nodemailer from 'nodemailer';
import type { MailAttachment } from './message.ts';

export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  attachments: MailAttachment[];
  /** `<id@domain>`, stored at enqueue. */
  messageId: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * SMTP from a URL: smtp://user:pass@host:587 (STARTTLS when the server offers it) or
 * smtps://host:465. One connection per message: a town sends little, and no pooled connection
 * outlives an outage. Timeouts stay well inside the sender's lease.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    dnsTimeout: 10_000,
  });
  return {
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html === null ? {} : { html: mail.html }),
        headers: mail.headers,
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
        messageId: mail.messageId,
      });
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * The server refused this recipient or this message for good (a 5xx to RCPT TO or DATA): sending
 * it again cannot help. Connection trouble, a 4xx, a refused login or sender (fixed by the
 * admin's configuration) can, so those are retried.
 */
export function isPermanentRejection(err: unknown): boolean {
  const { responseCode, command } = (err ?? {}) as { responseCode?: unknown; command?: unknown };
  return (
    typeof responseCode === 'number' &&
    responseCode >= 500 &&
    (command === 'RCPT TO' || command === 'DATA')
  );
}
