// A real SMTP server on 127.0.0.1 for tests (smtp-server, no TLS, no login needed): it keeps
// every message it accepts, parsed by mailparser, and can be told to refuse or to go away.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO addresses. */
  recipients: string[];
  mail: ParsedMail;
}

export interface TestSmtp {
  url: string;
  /** Every accepted message, in order. */
  received: ReceivedMail[];
  /** A reply code to answer every message's DATA with (a 4xx outage); null accepts. */
  refuseData: number | null;
  /** Recipients refused for good (550 to RCPT TO). */
  rejectRecipients: Set<string>;
  /** How long the server takes to answer a message's DATA (a slow server). */
  answerDelayMs: number;
  /** Messages whose DATA has begun, answered or not. */
  dataStarted: number;
  /** Messages accepted for `address`. */
  deliveredTo(address: string): ParsedMail[];
  /** Stops listening: connections are refused until `start()`. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const smtpError = (message: string, responseCode: number) =>
  Object.assign(new Error(message), { responseCode });

export async function startTestSmtp(): Promise<TestSmtp> {
  let port = 0;
  let server: SMTPServer | null = null;

  const state: TestSmtp = {
    url: '',
    received: [],
    refuseData: null,
    rejectRecipients: new Set(),
    answerDelayMs: 0,
    dataStarted: 0,
    deliveredTo: (address) =>
      state.received.filter((r) => r.recipients.includes(address)).map((r) => r.mail),
    async stop() {
      const closing = server;
      server = null;
      await new Promise<void>((resolve) => (closing ? closing.close(resolve) : resolve()));
    },
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onRcptTo(address, _session, callback) {
          if (state.rejectRecipients.has(address.address)) {
            return callback(smtpError('No such mailbox', 550));
          }
          callback();
        },
        onData(stream, session, callback) {
          state.dataStarted += 1;
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', async () => {
            if (state.answerDelayMs > 0) await delay(state.answerDelayMs);
            if (state.refuseData !== null) {
              return callback(smtpError('Try again later', state.refuseData));
            }
            const raw = Buffer.concat(chunks);
            simpleParser(raw).then(
              (mail) => {
                state.received.push({
                  recipients: session.envelope.rcptTo.map((a) => a.address),
                  mail,
                });
                callback();
              },
              (err: unknown) => callback(err as Error),
            );
          });
        },
      });
      const listening = server;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, '127.0.0.1', () => resolve());
      });
      port = (listening.server.address() as AddressInfo).port;
      state.url = `smtp://127.0.0.1:${port}`;
    },
  };
  await state.start();
  return state;
}
