import { describe, expect, it } from "vitest";
import { ipKey } from "./ip-key";

describe("ipKey", () => {
  it("keeps an IPv4 address whole, also when written IPv4-mapped", () => {
    expect(ipKey("203.0.113.7")).toBe("203.0.113.7");
    expect(ipKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("groups IPv6 addresses by their /64, however they are written", () => {
    const a = ipKey("2001:db8:85a3:1:aaaa:bbbb:cccc:dddd");
    expect(a).toBe("2001:db8:85a3:1::/64");
    expect(ipKey("2001:0DB8:85A3:0001::1")).toBe(a);
    expect(ipKey("[2001:db8:85a3:1:ffff::2]")).toBe(a);
    expect(ipKey("2001:db8:85a3:2::1")).not.toBe(a);
    expect(ipKey("::1")).toBe("0:0:0:0::/64");
    expect(ipKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("turns anything else into one bucket", () => {
    expect(ipKey(null)).toBe("unknown");
    expect(ipKey("")).toBe("unknown");
    expect(ipKey("not an ip")).toBe("unknown");
  });
});
