import { isIP, isIPv4 } from 'node:net';

/**
 * Which proxies' X-Forwarded-For entries to believe, in Express's `trust proxy` terms:
 * false (the socket's address is the client), a number of hops, or a list of addresses and
 * subnets. `true` (believe every entry) is deliberately not offered: the left-most entry is
 * whatever the client typed, so per-IP limits could be dodged or aimed at someone else.
 */
export type TrustProxy = false | number | readonly string[];

/** Names Express (proxy-addr) gives to well-known ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a CIDR subnet (10.0.0.0/8, fd00::/8) or an IPv4 address with a netmask (10.0.0.0/255.0.0.0). */
function isAddressOrSubnet(item: string): boolean {
  if (NAMED_RANGES.has(item)) return true;
  const [address, range, ...rest] = item.split('/');
  const kind = isIP(address);
  if (kind === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  if (kind === 4 && isIPv4(range)) return true;
  if (!/^\d{1,3}$/.test(range)) return false;
  return Number(range) <= (kind === 4 ? 32 : 128);
}

/** Parses TRUST_PROXY; returns the setting, or a problem sentence for the configuration error. */
export function parseTrustProxy(raw: string | undefined): { value: TrustProxy } | { problem: string } {
  const text = raw?.trim() ?? '';
  if (text === '' || ['false', 'off', 'no'].includes(text.toLowerCase())) return { value: false };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10 ? { value: hops === 0 ? false : hops } : { problem: `TRUST_PROXY hop count must be at most 10 (got "${raw}")` };
  }
  if (['true', 'on', 'yes'].includes(text.toLowerCase())) {
    return { problem: 'TRUST_PROXY=true would believe any X-Forwarded-For a client sends; give the number of proxies in front of Parley or their addresses' };
  }
  const items = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const bad = items.filter((item) => !isAddressOrSubnet(item));
  if (bad.length > 0) {
    return { problem: `TRUST_PROXY must be false, a hop count, or addresses/subnets such as 10.0.0.0/8, loopback (not: ${bad.map((b) => `"${b}"`).join(', ')})` };
  }
  return { value: items };
}

/** The value to give `app.set('trust proxy', …)`. */
export function expressTrustProxy(setting: TrustProxy): boolean | number | string[] {
  return typeof setting === 'object' ? [...setting] : setting;
}
