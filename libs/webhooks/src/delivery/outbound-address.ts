import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

export const MAX_URL_LENGTH = 2048;

/**
 * Why a webhook URL is refused, or undefined. An admin sets it, but it is still a call the server
 * makes on the admin's behalf: only http(s), no credentials in it (the URL is stored in the log in
 * clear), no fragment (never sent, so it can only mislead).
 */
export function urlProblem(url: string): string | undefined {
  if (url.length > MAX_URL_LENGTH) return `the URL is longer than ${MAX_URL_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not an absolute URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `only http and https URLs are called, not ${parsed.protocol.slice(0, -1)}`;
  if (parsed.username !== '' || parsed.password !== '') return 'the URL carries credentials, which would be stored in the log in clear: use the signature';
  if (parsed.hash !== '') return 'the URL has a fragment, which is never sent';
  return undefined;
}

// Never a webhook's destination: cloud metadata services live on link-local addresses, and the
// rest are not hosts at all.
const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('224.0.0.0', 3, 'ipv4');
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');

// This machine and private networks: refused only with WEBHOOK_PRIVATE_ADDRESSES=deny.
const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

/** Why a connection to `address` is refused, or undefined. IPv4-mapped IPv6 addresses are judged as IPv4. */
export function addressProblem(address: string, allowPrivate: boolean): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = isIP(ip) === 4 ? 'ipv4' : 'ipv6';
  if (NEVER.check(ip, family)) return `${address} is a link-local, multicast or unspecified address`;
  if (!allowPrivate && PRIVATE.check(ip, family)) return `${address} is a loopback or private address (WEBHOOK_PRIVATE_ADDRESSES=deny)`;
  return undefined;
}

export class RefusedAddressError extends Error {}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that refuses what `addressProblem` refuses, after resolution: the
 * address checked is the one connected to, so a name that resolves differently the second time
 * (DNS rebinding) gains nothing.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.map((a) => addressProblem(a.address, allowPrivate)).find((problem) => problem !== undefined);
      if (refused) return callback(new RefusedAddressError(`${hostname}: ${refused}`), []);
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
