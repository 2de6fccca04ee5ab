import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * The save-time half of the webhook SSRF guard (W3's minimal version; the delivery worker's connect-time
 * check of the address actually dialled is the other half, and the one that stops DNS rebinding). An
 * endpoint's host, an address literal or every address its name resolves to, must be public: loopback,
 * private, link-local, CGNAT, multicast, unspecified, documentation, benchmarking, IPv4-mapped or
 * translated IPv6, ULA and site-local are refused unless WEBHOOKS_ALLOW_PRIVATE. A name that does not
 * resolve now is let through (the delivery list will say so); the check at connect still applies.
 */
export const ADDRESS_NOT_ALLOWED = "This address is not allowed: webhooks go to public internet addresses only.";

// Two lists: Node's BlockList matches an IPv4 address against IPv6 rules through its mapped form (::ffff:a.b.c.d).
const internal4 = new BlockList();
const internal6 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  internal4.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 96], // unspecified, loopback and the old IPv4-compatible form
  ["::ffff:0:0", 96], // IPv4-mapped
  ["64:ff9b::", 96], // NAT64
  ["64:ff9b:1::", 48],
  ["100::", 64], // discard
  ["2001::", 32], // Teredo
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local
  ["ff00::", 8], // multicast
] as const)
  internal6.addSubnet(net, prefix, "ipv6");

/** Whether an IP address (v4 or v6, no brackets) is one a webhook must never reach. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return internal4.check(address, "ipv4");
  if (family === 6) return internal6.check(address, "ipv6");
  return true; // not an address at all: refuse
}

const LOOKUP_MS = 3_000;

/** The host's addresses: the literal itself, or what DNS answers (empty when it does not answer in time). */
async function addressesOf(host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never[]>((resolve) => {
    timer = setTimeout(() => resolve([]), LOOKUP_MS);
  });
  try {
    const answer = lookup(host, { all: true, verbatim: true }).then(
      (list) => list.map((a) => a.address),
      () => [] as string[],
    );
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A refusal message when `url`'s host is, or resolves to, an internal address (any one of them), else
 * null. With `allowPrivate` nothing is looked up and nothing refused.
 */
export async function assertPublicUrl(url: URL, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  if (!host) return ADDRESS_NOT_ALLOWED;
  if (/^localhost$|\.localhost$/i.test(host)) return ADDRESS_NOT_ALLOWED;
  const addresses = await addressesOf(host);
  return addresses.some(isInternalAddress) ? ADDRESS_NOT_ALLOWED : null;
}
