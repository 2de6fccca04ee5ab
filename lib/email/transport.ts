import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "../env";
import { log } from "../log";
import type { Message } from "./templates";

/**
 * Delivers one message: over SMTP when SMTP_URL is set; otherwise (development only: production
 * refuses to start without SMTP_URL) the recipient, subject and links are written to the server log so
 * a person on a fresh machine can still follow them.
 */
let transporter: Transporter | undefined;

export async function deliver(message: Message): Promise<void> {
  const env = getEnv();
  if (!env.SMTP_URL) {
    const links = message.text.match(/https?:\/\/\S+/g) ?? [];
    log.info("mail (no SMTP_URL: not sent, shown here)", { to: message.to, subject: message.subject, links });
    return;
  }
  transporter ??= nodemailer.createTransport(env.SMTP_URL, { from: env.MAIL_FROM });
  await transporter.sendMail({ from: env.MAIL_FROM, ...message });
}
