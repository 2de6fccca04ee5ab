// A real SMTP server for a test file: points SMTP_URL at it and collects what the app sends.
import { startMailSink } from "../scripts/mail-sink.mjs";

export type Mail = { envelopeTo: string[]; to: string[]; subject: string; text: string; html: string };

export async function startMailbox() {
  const received: Mail[] = [];
  const { server, port } = await startMailSink({ port: 0, onMessage: (m: Mail) => received.push(m) });
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  return {
    received,
    /** Waits for a message to `to` whose subject matches, and returns it. */
    async waitFor(to: string, subject: RegExp, timeoutMs = 10_000): Promise<Mail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = received.find((m) => m.envelopeTo.includes(to) && subject.test(m.subject));
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    sentTo: (to: string) => received.filter((m) => m.envelopeTo.includes(to)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the first link in a message's text part. */
export function tokenFrom(mail: Mail): string {
  const match = /[?&]token=([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match) throw new Error(`no link with a token in "${mail.subject}"`);
  return match[1]!;
}
