import { describe, expect, it } from "vitest";
import { assertPublicUrl, isPublicAddress } from "./ssrf";

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "[::ffff:169.254.169.254]",
    "64:ff9b::a00:1",
    "2002:7f00:1::",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "fe80::1%eth0",
    "ff02::1",
    "not an address",
  ])("refuses %s", (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(["93.184.215.14", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"])(
    "allows %s",
    (address) => expect(isPublicAddress(address)).toBe(true),
  );
});

describe("assertPublicUrl (WEBHOOKS_ALLOW_PRIVATE unset)", () => {
  it.each(["https://127.0.0.1/hook", "https://[::1]:8443/hook", "http://localhost:3000/", "https://10.0.0.8/"])(
    "refuses %s",
    async (url) => await expect(assertPublicUrl(url)).rejects.toThrow("address not allowed"),
  );
  it("allows a public address literal", async () => {
    await expect(assertPublicUrl("https://93.184.215.14/hook")).resolves.toBeUndefined();
  });
});
