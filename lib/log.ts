import "server-only";
import pino, { type Logger } from "pino";
import { getEnv } from "./env";
import { logContext, withLogContext, type LogFields } from "./log-context";

// One JSON line per event on stdout, written by pino. Callers pass safe fields; the redaction below
// is the second line of defence: any field named like a password, token, secret, cookie or
// authorization header is replaced by "[redacted]", at the top level and one or two levels down.
// Lines written while route() handles a request carry its requestId.

const SECRET_KEYS = [
  "password",
  "currentPassword",
  "newPassword",
  "confirmPassword",
  "passwordHash",
  "token",
  "tokenHash",
  "sessionToken",
  "accessToken",
  "refreshToken",
  "secret",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
];
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const sep = key.startsWith("[") ? "" : ".";
  return [key, `*${sep}${key}`, `*.*${sep}${key}`];
});

export { withLogContext };

let logger: Logger | undefined;

function options(): pino.LoggerOptions {
  let level = "info";
  try {
    level = getEnv().LOG_LEVEL;
  } catch {
    // An invalid environment is reported by whoever asked for it; logging still works.
  }
  return {
    level,
    base: undefined,
    messageKey: "msg",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    mixin: logContext,
  };
}

function instance(): Logger {
  logger ??= pino(options());
  return logger;
}

/** Sends log lines (from `info` up) to `destination` instead of stdout: tests read what would be written. */
export function setLogDestination(destination?: pino.DestinationStream): void {
  logger = destination ? pino({ ...options(), level: "info" }, destination) : undefined;
}

export const log = {
  info: (msg: string, fields: LogFields = {}) => instance().info(fields, msg),
  warn: (msg: string, fields: LogFields = {}) => instance().warn(fields, msg),
  error: (msg: string, fields: LogFields = {}) => instance().error(fields, msg),
};
