import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

import ipaddr from 'ipaddr.js';

/** A webhook URL or address the policy does not allow; never worth retrying. */
export class RefusedDestinationError extends Error {
  override readonly name = 'RefusedDestinationError';
  readonly code = 'ERR_REFUSED_DESTINATION';
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  uniqueLocal: 'private (unique local)',
  linkLocal: 'link-local (cloud metadata lives here)',
  carrierGradeNat: 'shared (carrier-grade NAT)',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
};

type Network = [ipaddr.IPv4 | ipaddr.IPv6, number];

// ::ffff:10.0.0.1 reaches 10.0.0.1: judge (and match) the IPv4 address it carries.
function unmapped(ip: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip;
}

const plain = (address: string) => unmapped(ipaddr.parse(address));

/** The URL's host without the brackets of an IPv6 literal. */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/**
 * Which addresses webhooks may reach: public unicast only, unless an address falls in the allowlist
 * (e.g. "127.0.0.1" or "10.20.0.0/16"). Every other range (loopback, private, link-local with the
 * cloud metadata service, NAT64, 6to4, …) is refused.
 */
export class AddressPolicy {
  private readonly allowed: Network[];

  constructor(allowlist: string[] = []) {
    this.allowed = allowlist.map((entry) => {
      const trimmed = entry.trim();
      if (ipaddr.isValidCIDR(trimmed)) {
        const [ip, bits] = ipaddr.parseCIDR(trimmed);
        return [unmapped(ip), bits] as Network;
      }
      if (ipaddr.isValid(trimmed)) {
        const ip = plain(trimmed);
        return [ip, ip.kind() === 'ipv4' ? 32 : 128] as Network;
      }
      throw new Error(`Allowlist entry "${entry}" is neither an IP address nor a CIDR range`);
    });
  }

  /** Parses a comma-separated allowlist such as WEBHOOK_ALLOWED_NETWORKS. */
  static fromList(list: string | undefined): AddressPolicy {
    return new AddressPolicy((list ?? '').split(',').filter((entry) => entry.trim() !== ''));
  }

  /** Why `address` may not be reached, or null when it may. */
  refusal(address: string): string | null {
    const ip = plain(address);
    if (this.allowed.some(([network, bits]) => network.kind() === ip.kind() && ip.match(network, bits))) return null;
    const range = ip.range();
    if (range === 'unicast') return null;
    return `${address} is a ${RANGE_NAMES[range] ?? `reserved (${range})`} address`;
  }

  /** Checks the scheme and, for IP literals, the address; host names are checked when they resolve. */
  checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new RefusedDestinationError(`"${raw}" is not a valid URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RefusedDestinationError(`Webhook URLs must use http or https, not ${url.protocol.replace(':', '')}`);
    if (url.username || url.password) throw new RefusedDestinationError('Webhook URLs may not carry credentials; the signature authenticates each request');
    const host = hostOf(url);
    if (isIP(host)) this.assertAllowed(host, raw);
    return url;
  }

  /** Resolves the URL's host now and checks every address (used to refuse a bad URL before a job starts). */
  async checkResolvedUrl(raw: string): Promise<URL> {
    const url = this.checkUrl(raw);
    const host = hostOf(url);
    if (!isIP(host)) await new Promise<void>((resolve, reject) => this.lookup(host, {}, (error) => (error ? reject(error) : resolve())));
    return url;
  }

  /**
   * A `net.connect` lookup that refuses the connection when the name resolves to any address the
   * policy does not allow. Checking at connect time also covers redirects and DNS rebinding.
   */
  readonly lookup = (
    hostname: string,
    options: { family?: number | string; all?: boolean },
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    dnsLookup(hostname, { family: options.family === 'IPv6' ? 6 : options.family === 'IPv4' ? 4 : (Number(options.family ?? 0) as 0 | 4 | 6), all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const { address } of addresses) {
        const why = this.refusal(address);
        if (why) return callback(new RefusedDestinationError(`${hostname} resolves to ${why}`), []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };

  private assertAllowed(address: string, url: string): void {
    const why = this.refusal(address);
    if (why) throw new RefusedDestinationError(`Refused ${url}: ${why}`);
  }
}
