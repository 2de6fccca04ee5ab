import "server-only";
import type { Transporter } from "nodemailer";
import { getEnv } from "../env";
import { log } from "../log";
import type { Message } from "./templates";

/**
 * Delivers one message: over SMTP when SMTP_URL is set; otherwise (development only: production
 * refuses to start without SMTP_URL) the recipient, subject and links are written to the server log so
 * a person on a fresh machine can still follow them.
 */
let transporter: Promise<Transporter> | undefined;

export async function deliver(message: Message): Promise<void> {
  const env = getEnv();
  if (!env.SMTP_URL) {
    const links = message.text.match(/https?:\/\/\S+/g) ?? [];
    log.info("mail (no SMTP_URL: not sent, shown here)", { to: message.to, subject: message.subject, links });
    return;
  }
  // nodemailer is loaded with the first message, not at start: ~5–10 MB of RSS a server that sends no mail
  // never needs (the outbox worker, which imports this file, starts with the server).
  const smtpUrl = withTimeouts(env.SMTP_URL, env.MAIL_LEASE_SECONDS);
  transporter ??= import("nodemailer").then(({ default: nodemailer }) =>
    nodemailer.createTransport(smtpUrl, { from: env.MAIL_FROM }),
  );
  await (await transporter).sendMail({ from: env.MAIL_FROM, ...message });
}

/**
 * Nodemailer waits up to 2 minutes to connect, 30 s for the greeting and 10 minutes on a silent socket by
 * default: longer than the outbox's lease, after which another instance would take the message and send it a
 * second time. Each wait is set well within the lease, on the URL's query (where nodemailer reads its options
 * from a URL), unless the URL already sets it.
 */
export function withTimeouts(smtpUrl: string, leaseSeconds: number): string {
  const url = new URL(smtpUrl);
  const lease = leaseSeconds * 1000;
  const timeouts = {
    connectionTimeout: Math.min(10_000, lease / 4),
    greetingTimeout: Math.min(10_000, lease / 4),
    socketTimeout: Math.round(lease / 3),
  };
  for (const [name, ms] of Object.entries(timeouts))
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
  return url.toString();
}
