/**
 * The messages the product sends: each has a plain-text and an HTML part, names the product, and
 * says what to do if it was not you. Values are escaped in the HTML part.
 */
import { PRODUCT } from "../product";

export type Message = { to: string; subject: string; text: string; html: string };

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function compose(
  to: string,
  subject: string,
  paragraphs: string[],
  action: { label: string; url: string } | null,
  notYou: string,
): Message {
  const text = [
    `${PRODUCT}`,
    "",
    ...paragraphs.flatMap((p) => [p, ""]),
    ...(action ? [`${action.label}: ${action.url}`, ""] : []),
    notYou,
    "",
    `— ${PRODUCT}`,
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:560px;margin:auto;padding:24px">
<p style="font-weight:600;font-size:18px">${PRODUCT}</p>
${paragraphs.map((p) => `<p>${escape(p)}</p>`).join("\n")}
${action ? `<p><a href="${escape(action.url)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:8px;text-decoration:none">${escape(action.label)}</a></p><p style="font-size:12px;color:#475569">Or paste this address into your browser: ${escape(action.url)}</p>` : ""}
<p style="font-size:13px;color:#475569">${escape(notYou)}</p>
</body></html>`;
  return { to, subject, text, html };
}

export const verificationMail = (to: string, url: string, hours: number) =>
  compose(
    to,
    `Confirm your email address for ${PRODUCT}`,
    [`Please confirm that ${to} is your email address. The link works once, for ${hours} hours.`],
    { label: "Confirm my email", url },
    "If you did not create an account, ignore this message: nothing happens without the click.",
  );

export const emailChangeMail = (to: string, url: string, hours: number) =>
  compose(
    to,
    `Confirm your new email address for ${PRODUCT}`,
    [
      `Someone asked to use ${to} as the email address of their ${PRODUCT} account.`,
      `The change happens only when you confirm it. The link works once, for ${hours} hours.`,
    ],
    { label: "Confirm my email", url },
    "If this was not you, ignore this message: the address will not be used.",
  );

export const emailChangeNotice = (to: string, newAddress: string) =>
  compose(
    to,
    `Your ${PRODUCT} email address is being changed`,
    [
      `A request was made to change the email address of your ${PRODUCT} account to ${newAddress}.`,
      "Your account keeps this address until the new one is confirmed.",
    ],
    null,
    "If this was not you, change your password now and sign out of every other session on the Security page.",
  );

export const resetMail = (to: string, url: string, minutes: number) =>
  compose(
    to,
    `Reset your ${PRODUCT} password`,
    [
      `Someone asked to reset the password of the ${PRODUCT} account for ${to}. The link works once, for ${minutes} minutes.`,
    ],
    { label: "Choose a new password", url },
    "If you did not ask for this, ignore this message: your password stays as it is.",
  );

export const passwordChangedNotice = (to: string) =>
  compose(
    to,
    `Your ${PRODUCT} password was changed`,
    [`The password of your ${PRODUCT} account was just changed, and your other sessions were signed out.`],
    null,
    "If this was not you, reset your password at once with “Forgot your password?” on the sign-in page.",
  );

export const unlockMail = (to: string, url: string, minutes: number) =>
  compose(
    to,
    `Sign-in to your ${PRODUCT} account is paused`,
    [
      `Someone tried to sign in to the ${PRODUCT} account for ${to} with a wrong password many times, so sign-in from new browsers is paused for a while. Browsers you have signed in with before still work.`,
      `If it was you, this link lifts the pause at once. It works once, for ${minutes} minutes.`,
    ],
    { label: "Let me sign in again", url },
    "If it was not you, your password held: nobody got in. Consider choosing a new one with “Forgot your password?” on the sign-in page.",
  );

/** To the address an account just left: when, from which device and address, and what to do. */
export const emailChangedNotice = (
  to: string,
  change: { newAddress: string; at: Date; device: string; ip: string | null },
) =>
  compose(
    to,
    `Your ${PRODUCT} email address was changed`,
    [
      `The email address of your ${PRODUCT} account was changed from ${to} to ${change.newAddress}.`,
      `When: ${change.at.toISOString().replace("T", " ").slice(0, 16)} UTC. Confirmed from: ${change.device}` +
        (change.ip ? `, address ${change.ip}.` : "."),
      "Every other session of the account was signed out, and password-reset links sent to this address no longer work.",
    ],
    null,
    "If this was not you, someone else may now control your account: sign in with your password if you still can, " +
      "change your password and your email address back, and sign out of every other session on the Security page. " +
      "If you cannot sign in, reply to this message from this address so we can help.",
  );

/**
 * Two-factor turned on or off, new recovery codes made (the old ones void), or a recovery code used (to
 * sign in, or to confirm it is you before a sensitive change: `purpose`): a notice to the account's address.
 */
export const twoFactorNotice = (
  to: string,
  what: "enabled" | "disabled" | "recovery_codes_regenerated" | "recovery_code_used",
  left = 0,
  purpose: "sign_in" | "reauthenticate" = "sign_in",
) =>
  compose(
    to,
    {
      enabled: `Two-factor sign-in is on for your ${PRODUCT} account`,
      disabled: `Two-factor sign-in is off for your ${PRODUCT} account`,
      recovery_codes_regenerated: `New recovery codes were made for your ${PRODUCT} account`,
      recovery_code_used:
        purpose === "sign_in"
          ? `A recovery code was used to sign in to your ${PRODUCT} account`
          : `A recovery code was used to confirm it is you on your ${PRODUCT} account`,
    }[what],
    [
      {
        enabled: `Signing in to your ${PRODUCT} account now also needs a code from your authenticator app (or one of your recovery codes).`,
        disabled: `Signing in to your ${PRODUCT} account no longer needs a code from an authenticator app; your recovery codes no longer work.`,
        recovery_codes_regenerated: `Ten new recovery codes were just made for your ${PRODUCT} account. The recovery codes you had before no longer work.`,
        recovery_code_used: `One of your recovery codes was just used ${purpose === "sign_in" ? "to sign in" : "to confirm it is you before a sensitive change"}. Each works once; ${left} ${left === 1 ? "is" : "are"} left.`,
      }[what],
    ],
    null,
    "If this was not you, reset your password at once with “Forgot your password?” on the sign-in page and check your account's security page.",
  );

/** A passkey added to or removed from the account: a notice to the account's address. */
export const passkeyNotice = (to: string, what: "added" | "removed", name: string) =>
  compose(
    to,
    what === "added"
      ? `A passkey was added to your ${PRODUCT} account`
      : `A passkey was removed from your ${PRODUCT} account`,
    [
      what === "added"
        ? `The passkey “${name}” can now sign in to your ${PRODUCT} account without a password.`
        : `The passkey “${name}” can no longer sign in to your ${PRODUCT} account.`,
    ],
    null,
    "If this was not you, reset your password at once with “Forgot your password?” on the sign-in page, then remove any passkey you do not know on your account's security page.",
  );

/** An identity provider's sign-in connected to the account: a notice to the account's address. */
export const identityConnectedNotice = (to: string, providerName: string, identityEmail: string | null) =>
  compose(
    to,
    `A ${providerName} sign-in was connected to your ${PRODUCT} account`,
    [
      `Your ${PRODUCT} account can now be signed in to with ${providerName}` +
        (identityEmail ? ` (${identityEmail}).` : "."),
    ],
    null,
    "If this was not you, disconnect it under Connected accounts on your account's security page, and change your password.",
  );

/** An identity provider's sign-in disconnected from the account: a notice to the account's address. */
export const identityDisconnectedNotice = (to: string, providerName: string, identityEmail: string | null) =>
  compose(
    to,
    `A ${providerName} sign-in was disconnected from your ${PRODUCT} account`,
    [
      `Your ${PRODUCT} account can no longer be signed in to with ${providerName}` +
        (identityEmail ? ` (${identityEmail}).` : "."),
    ],
    null,
    "If this was not you, reset your password at once with “Forgot your password?” on the sign-in page, and check the other ways in on your account's security page.",
  );

/** The account's data was exported (`GET /api/users/me/export`): a notice to the account's address. */
export const exportNotice = (to: string) =>
  compose(
    to,
    `Your ${PRODUCT} data was exported`,
    [
      `A copy of your ${PRODUCT} account's data (profile, sessions, posts and activity) was just downloaded ` +
        "from your account.",
    ],
    null,
    "If this was not you, reset your password at once with “Forgot your password?” on the sign-in page, then use “Sign out everywhere else” under Access to your account on the security page.",
  );

/**
 * A sign-in message: the link (its page asks for a click, so a mail scanner opening it spends nothing; it works
 * only in the browser that asked) and the 8-digit code (for any other device), both once, for `minutes`.
 */
export const emailSignInMail = (to: string, url: string, code: string, minutes: number) =>
  compose(
    to,
    `Your ${PRODUCT} sign-in link and code`,
    [
      `Someone asked to sign in to the ${PRODUCT} account for ${to}. The link and the code work once, for ${minutes} minutes; asking again replaces them.`,
      `Your sign-in code: ${code}`,
      "The link works in the browser where you asked for it. On another device, type the code instead.",
    ],
    { label: "Sign me in", url },
    "If you did not ask for this, ignore this message: nobody can sign in without the link or the code.",
  );

/** An address with no account asked for a sign-in message (sign-up is open): where to sign up instead. */
export const noAccountMail = (to: string, signUpUrl: string) =>
  compose(
    to,
    `No ${PRODUCT} account uses this address`,
    [`Someone asked to sign in to ${PRODUCT} with ${to}, but no account uses this address.`],
    { label: "Sign up", url: signUpUrl },
    "If you did not ask for this, ignore this message: nothing else happens.",
  );

/** Where a new device signed in from, in the notice's words. */
export type NewDeviceSighting = { device: string; ip: string | null; at: Date; kind: "browser" | "api" };

/**
 * A sign-in from a browser without this account's device cookie (or a program's sign-in by password): the
 * owner's notice, with the link to a page whose button signs out everywhere and mails a reset link. One per
 * few minutes: further new devices meanwhile are in the activity list, not in more mail.
 */
export const newDeviceNotice = (to: string, seen: NewDeviceSighting, url: string, windowMinutes: number) =>
  compose(
    to,
    `New sign-in to your ${PRODUCT} account`,
    [
      seen.kind === "browser"
        ? `Your ${PRODUCT} account was just signed in to from a browser it had not been used in before.`
        : `A program just signed in to your ${PRODUCT} account with its password.`,
      `Device: ${seen.device}. Address: ${seen.ip ?? "unknown"}. Time: ${seen.at.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
      `Further sign-ins from new devices in the next ${windowMinutes} minutes are not mailed again; your account's activity list shows every one.`,
    ],
    { label: "Wasn't you? — secure your account", url },
    "If it was you, there is nothing to do. If it was not, the link above signs you out everywhere and mails you a link to choose a new password; it works for 7 days.",
  );

/** A sign-in beyond SESSIONS_PER_ACCOUNT ended the account's least recently used session. */
export const sessionCapNotice = (to: string, cap: number) =>
  compose(
    to,
    `Your oldest ${PRODUCT} session was signed out`,
    [
      `Your oldest session was signed out: at most ${cap} at once. A new sign-in to your ${PRODUCT} account went past that number, so the session used least recently was ended.`,
    ],
    null,
    "If you do not recognise your sessions, sign out everywhere else on your account's security page and change your password.",
  );

/**
 * A webhook endpoint was turned off by the system (it answered 410 Gone, or failed for a day): mailed to every
 * administrator. Names the endpoint by its host only (its path or query may hold a credential).
 */
export const webhookDisabledNotice = (to: string, host: string, reason: string, url: string) =>
  compose(
    to,
    `A ${PRODUCT} webhook endpoint was disabled`,
    [
      `The webhook endpoint at ${host} was disabled: ${reason}.`,
      "No more events are sent to it until an administrator enables it again; events already queued wait for it.",
    ],
    { label: "Open the endpoint", url },
    "You receive this because you are an administrator. If the receiver is gone for good, delete the endpoint.",
  );

/**
 * An invitation to an organization (lib/organizations/invitations.ts): the same words whether or not the address
 * has an account. The link opens a page that changes nothing; accepting is a button there, for days.
 */
export const invitationMail = (
  to: string,
  organization: string,
  inviter: string,
  role: string,
  url: string,
  days: number,
) =>
  compose(
    to,
    `You are invited to join ${organization} on ${PRODUCT}`,
    [
      `@${inviter} invited ${to} to join the organization "${organization}" on ${PRODUCT} as ${role === "member" ? "a member" : `an ${role}`}.`,
      `The link works once, for ${days} days. To accept, sign in (or sign up) with this address and confirm it first.`,
    ],
    { label: "See the invitation", url },
    "If you do not want to join, ignore this message or decline on the invitation page.",
  );
