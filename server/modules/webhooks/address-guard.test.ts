import { describe, expect, it } from "vitest";
import { isPrivateAddress, publicAddressesOf } from "./address-guard";

describe("the private-address guard", () => {
  it.each(["127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "fc00::abcd", "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:a9fe:a9fe", "64:ff9b::a00:1", "[::1]"])(
    "refuses %s",
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("lets %s through", (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );

  it("refuses a name when any of its addresses is private, and allows everything with the flag", async () => {
    const resolve = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "10.0.0.7", family: 4 },
    ];
    await expect(publicAddressesOf("shop.example", { allowPrivate: false, resolve })).rejects.toThrow("shop.example resolves to 10.0.0.7");
    await expect(publicAddressesOf("shop.example", { allowPrivate: true, resolve })).resolves.toHaveLength(2);
    await expect(publicAddressesOf("[::1]", { allowPrivate: false })).rejects.toThrow("::1 is a private");
  });
});
