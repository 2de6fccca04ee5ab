import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { getEnv } from "../env";

/**
 * No server-side request forgery through webhooks: an endpoint may only reach public addresses.
 * `assertPublicUrl` resolves the URL's host and checks every address (the save-time check,
 * lib/webhooks/endpoints*); `guardedLookup` is the `lookup` of every delivery's connection, so the
 * address actually dialled is the one checked (a name that resolves to a public address when saved and
 * to 127.0.0.1 when sending — DNS rebinding — is refused at connect). IP literals never go through a
 * lookup, so the delivery checks them itself (`literalAllowed`). WEBHOOKS_ALLOW_PRIVATE=true turns
 * every check off (development and tests).
 */
export const ADDRESS_NOT_ALLOWED = "address not allowed";

/** Thrown (or handed to a lookup callback) for an internal address; `code` is EADDRNOTALLOWED. */
export class AddressNotAllowedError extends Error {
  readonly code = "EADDRNOTALLOWED";
  constructor(message = ADDRESS_NOT_ALLOWED) {
    super(message);
    this.name = "AddressNotAllowedError";
  }
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // CGNAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["::", 96], // IPv4-compatible (deprecated)
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments (Teredo, ORCHID …)
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local (ULA)
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** The IPv4 address carried inside an IPv6 one that reaches it (mapped, NAT64, 6to4), or null. */
function embeddedIpv4(address: string): string | null {
  const groups = expandIpv6(address);
  if (!groups) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zero = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zero(0, 5) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!); // ::ffff:a.b.c.d
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zero(2, 6)) return v4(groups[6]!, groups[7]!); // 64:ff9b::/96
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!); // 6to4
  return null;
}

/** Eight 16-bit groups of an IPv6 address (dotted IPv4 tail and zone allowed), or null. */
function expandIpv6(address: string): number[] | null {
  let text = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const p = dotted[1]!.split(".").map(Number);
    text =
      text.slice(0, -dotted[1]!.length) +
      `${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}`;
  }
  const [head, tail, extra] = text.split("::");
  if (extra !== undefined) return null;
  const parse = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const h = parse(head);
  const t = parse(tail);
  const groups = tail === undefined ? h : [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** True when `address` (an IP literal) is a public unicast address a webhook may be sent to. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return !blocked.check(bare, "ipv4");
  if (family !== 6) return false;
  const v4 = embeddedIpv4(bare);
  if (v4 !== null) return isPublicAddress(v4);
  return !blocked.check(bare, "ipv6");
}

const allowPrivate = () => getEnv().WEBHOOKS_ALLOW_PRIVATE;

/** An IP-literal host is allowed (a host name is checked by guardedLookup when dialled). */
export function literalAllowed(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return isIP(bare) === 0 || allowPrivate() || isPublicAddress(bare);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `net.connect` lookup that resolves like the default and refuses the connection when any address of
 * the name is internal (all are checked, so a name mixing public and internal addresses is refused whole).
 */
export function guardedLookup(hostname: string, options: { all?: boolean } | number, callback: LookupCallback): void {
  const all = typeof options === "object" && options.all === true;
  dnsLookup(hostname, { ...(typeof options === "object" ? options : {}), all: true }, (err, addresses) => {
    if (err) return callback(err, all ? [] : "", undefined);
    if (!allowPrivate() && (addresses.length === 0 || !addresses.every((a) => isPublicAddress(a.address)))) {
      return callback(new AddressNotAllowedError(), all ? [] : "", undefined);
    }
    if (all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/**
 * The save-time check: throws AddressNotAllowedError when the URL's host is, or resolves to, an internal
 * address (any of them). A name that does not resolve now is let through (a receiver's DNS may come later,
 * and this machine may have none): guardedLookup checks it again when it is dialled. Does nothing under
 * WEBHOOKS_ALLOW_PRIVATE=true.
 */
export async function assertPublicUrl(url: string | URL): Promise<void> {
  if (allowPrivate()) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) {
    if (!isPublicAddress(host)) throw new AddressNotAllowedError();
    return;
  }
  const addresses = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(host, { all: true }, (err, list) => resolve(err ? [] : list)),
  );
  if (!addresses.every((a) => isPublicAddress(a.address))) throw new AddressNotAllowedError();
}
