// Where the e2e run's SMTP server listens and keeps what it receives, from E2E_PORT, so that
// the config (the app's SMTP_URL), the global setup (the server) and the tests (the reader)
// agree, and two runs on one machine keep apart.
const port = Number(process.env.E2E_PORT ?? 3211);

export const MAILBOX = {
  smtpPort: port + 1_000,
  /** One .eml file per accepted message, named so that they sort in arrival order. */
  dir: `${import.meta.dirname}/../../.data-e2e-${port}-mail`,
};
