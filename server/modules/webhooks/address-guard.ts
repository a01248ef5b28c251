// The private-address guard (README "Webhooks"): a webhook never goes to loopback, private,
// link-local, shared (CGNAT), multicast or reserved addresses, so an admin's URL cannot reach the
// database, the cloud's metadata service or the office network, unless WEBHOOKS_ALLOW_PRIVATE=1.
// Every address a name resolves to is checked, and the request connects to a checked address
// (guardedLookup), so a name that resolves differently the second time (DNS rebinding) gains nothing.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  BLOCKED.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  BLOCKED.addSubnet(net, prefix, "ipv6");
}

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 one (::ffff:127.0.0.1, ::ffff:7f00:1). */
function embeddedIpv4(address: string): string | null {
  const match = /^::(?:ffff:)?(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return null;
  if (match[1]) return match[1];
  const high = parseInt(match[2]!, 16);
  const low = parseInt(match[3]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** True for an address no webhook may reach without WEBHOOKS_ALLOW_PRIVATE=1. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return BLOCKED.check(bare, "ipv4");
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    return v4 !== null ? BLOCKED.check(v4, "ipv4") : BLOCKED.check(bare, "ipv6");
  }
  // Not an address at all: refuse rather than guess.
  return true;
}

export class PrivateAddressError extends Error {
  constructor(host: string, address: string) {
    super(
      address === host
        ? `${host} is a private, loopback or link-local address; webhooks go only to public addresses`
        : `${host} resolves to ${address}, a private, loopback or link-local address; webhooks go only to public addresses`,
    );
    this.name = "PrivateAddressError";
  }
}

type Resolve = (host: string) => Promise<LookupAddress[]>;

const resolveAll: Resolve = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/**
 * The addresses of `host` (a name or an IP literal), every one checked; throws PrivateAddressError
 * when any is private (a name with one public and one private address is refused too).
 */
export async function publicAddressesOf(host: string, opts: { allowPrivate: boolean; resolve?: Resolve }): Promise<LookupAddress[]> {
  const bare = host.replace(/^\[|\]$/g, "");
  const addresses = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await (opts.resolve ?? resolveAll)(bare);
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  if (!opts.allowPrivate) {
    const blocked = addresses.find(({ address }) => isPrivateAddress(address));
    if (blocked) throw new PrivateAddressError(bare, blocked.address);
  }
  return addresses;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that resolves with publicAddressesOf, so the socket connects only to a checked address. */
export function guardedLookup(opts: { allowPrivate: boolean }) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    publicAddressesOf(hostname, opts).then(
      (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family)),
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}
