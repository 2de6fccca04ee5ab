/**
 * One sentence per situation, said alike by every form, the API and the prompts (server and browser
 * code both import this file: it holds nothing but text). A wrong password used to be told four ways
 * ("This is not your password.", "That password is not right." …); a new place that meets one of these
 * situations takes the sentence from here instead of writing its own.
 */

/** Sign-in with a login and a password: which of the two was wrong is never said. */
export const BAD_CREDENTIALS = "Incorrect username, email or password.";
/** A signed-in person's current password, asked again (re-authentication, password change, email change, deletion). */
export const WRONG_PASSWORD = "Incorrect password.";
/** The summary above a form whose fields have their own messages. */
export const FIX_FIELDS = "Some fields need attention.";
/** A server action that never reached the server (the browser is offline, the connection dropped). */
export const NETWORK_FAILED = "Couldn't reach the server — check your connection and try again.";
/** A server action that reached the server and failed there unexpectedly (a bug): the form stays as it was. */
export const ACTION_FAILED = "Something went wrong on our side. Your entries are kept; try again in a moment.";
