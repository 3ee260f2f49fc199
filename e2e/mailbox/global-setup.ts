// A real SMTP server (smtp-server on 127.0.0.1) for the whole e2e run: the app sends its
// e-mail through it, and every accepted message is written, as received, to MAILBOX.dir for
// the tests to read (tests run in other processes than this one).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';
import { MAILBOX } from './where.ts';

export default async function startMailbox(): Promise<() => Promise<void>> {
  rmSync(MAILBOX.dir, { recursive: true, force: true });
  mkdirSync(MAILBOX.dir, { recursive: true });
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received += 1;
        const rcpt = session.envelope.rcptTo.map((a) => a.address).join(',');
        const name = `${String(received).padStart(6, '0')}.eml`;
        // The envelope's recipients first (Bcc-safe), then the message as it came.
        writeFileSync(
          `${MAILBOX.dir}/${name}`,
          Buffer.concat([Buffer.from(`X-Rcpt-To: ${rcpt}\r\n`), ...chunks]),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(MAILBOX.smtpPort, '127.0.0.1', () => resolve());
  });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
