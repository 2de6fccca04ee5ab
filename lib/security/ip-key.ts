import { isIP } from "node:net";

/**
 * The part of a client address a limit counts: an IPv4 address whole, an IPv6 address by its /64
 * (one subscriber usually holds a whole /64, so rotating the low 64 bits must not buy fresh limits).
 * An IPv4-mapped IPv6 address counts as its IPv4 address; no address at all is "unknown".
 */
export function ipKey(ip: string | null | undefined): string {
  const raw = (ip ?? "").trim().replace(/^\[|\]$/g, "");
  const noZone = raw.split("%")[0]!;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(noZone);
  if (mapped) return mapped[1]!;
  const version = isIP(noZone);
  if (version === 4) return noZone;
  if (version !== 6) return "unknown";
  return expandIpv6(noZone).slice(0, 4).join(":") + "::/64";
}

/** The eight 16-bit groups of an IPv6 address, as lower-case hex without leading zeros. */
function expandIpv6(address: string): string[] {
  let text = address.toLowerCase();
  // A trailing dotted IPv4 part (::1.2.3.4) becomes two hex groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + ((a << 8) | b).toString(16) + ":" + ((c << 8) | d).toString(16);
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}
