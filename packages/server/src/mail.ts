import nodemailer from 'nodemailer';

/** One plain-text message to one address. */
export type OutgoingMail = { to: string; subject: string; text: string };

/** Sends e-mail; present only when the server is configured to. */
export type Mailer = { send(mail: OutgoingMail): Promise<void> };

/** Where a message is handed over: nodemailer's transporters, or a stand-in of tests. */
export type MailTransport = { sendMail(message: OutgoingMail & { from: string }): Promise<unknown> };

/** A mailer over a transport, every message from `from`. */
export function mailerOver(transport: MailTransport, from: string): Mailer {
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

/** The sender when `ARIADNE_MAIL_FROM` is not set: Ariadne at the host of the mail server. */
function defaultSender(url: URL): string {
  return `Ariadne <ariadne@${url.hostname || 'localhost'}>`;
}

const cache = new Map<string, Mailer>();

/**
 * The mailer the environment configures: `ARIADNE_SMTP_URL` (`smtp://user:password@host:587`, or
 * `smtps://` for TLS from the start) and `ARIADNE_MAIL_FROM` (the sender, by default Ariadne at the
 * mail server's host). Without `ARIADNE_SMTP_URL`, none: Ariadne then sends no e-mail. A URL that
 * cannot be read also gives none.
 */
export function mailerFromEnvironment(env: NodeJS.ProcessEnv = process.env): Mailer | null {
  const address = env.ARIADNE_SMTP_URL?.trim();
  if (!address) return null;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return null;
  const from = env.ARIADNE_MAIL_FROM?.trim() || defaultSender(url);
  const key = `${address}\u0000${from}`;
  let mailer = cache.get(key);
  if (!mailer) {
    mailer = mailerOver(nodemailer.createTransport(address), from);
    cache.set(key, mailer);
  }
  return mailer;
}

let replaced: { mailer: Mailer | null } | null = null;

/** The mailer in use: the environment's, unless {@link replaceMailer} set another. */
export function currentMailer(): Mailer | null {
  return replaced ? replaced.mailer : mailerFromEnvironment();
}

/** Puts another mailer (or none) in place of the environment's; `undefined` goes back to the environment's. */
export function replaceMailer(mailer: Mailer | null | undefined): void {
  replaced = mailer === undefined ? null : { mailer };
}

/** Ariadne's public address from `ARIADNE_PUBLIC_URL`, without a trailing slash; undefined when not set. */
export function publicUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.ARIADNE_PUBLIC_URL?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  } catch {
    return undefined;
  }
  return value.replace(/\/+$/, '');
}
