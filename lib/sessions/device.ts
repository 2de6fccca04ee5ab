import Bowser from "bowser";

/**
 * A readable device from a user agent: "Chrome on Linux", "Safari on iOS", "curl" for a program,
 * "Unknown device" when there is nothing to go on.
 */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const { browser, os } = Bowser.parse(userAgent.slice(0, 512));
  if (browser.name && os.name) return `${browser.name} on ${os.name}`;
  if (browser.name) return browser.name;
  if (os.name) return `Unknown browser on ${os.name}`;
  // Programs usually lead with "name/version".
  const product = /^([A-Za-z][\w.-]{0,40})(?:\/[\w.]+)?/.exec(userAgent.trim())?.[1];
  return product ?? "Unknown device";
}
