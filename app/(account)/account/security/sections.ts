/**
 * The security pages, in the order the rail and the phone's select list them. `group` puts a page under a
 * heading ("Sign-in methods"); the overview (`/account/security`) holds a summary row for each.
 */
export type SecurityPage = { href: string; label: string; group?: "Sign-in methods" };

export const SECURITY_PAGES: SecurityPage[] = [
  { href: "/account/security", label: "Overview" },
  { href: "/account/security/password", label: "Password", group: "Sign-in methods" },
  { href: "/account/security/two-factor", label: "Two-factor authentication", group: "Sign-in methods" },
  { href: "/account/security/passkeys", label: "Passkeys", group: "Sign-in methods" },
  { href: "/account/security/connected", label: "Connected accounts", group: "Sign-in methods" },
  { href: "/account/security/sessions", label: "Access to your account" },
  { href: "/account/security/api-keys", label: "API keys" },
  { href: "/account/security/activity", label: "Activity" },
  { href: "/account/security/delete", label: "Danger zone" },
];
