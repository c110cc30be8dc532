import dns from "node:dns/promises";
import net from "node:net";
import { badRequest } from "./errors";

/** Loopback, private, link-local (cloud metadata), CGNAT, multicast and unspecified ranges. */
export function isPrivateAddress(ip: string): boolean {
  const v4 = net.isIPv4(ip) ? ip : ip.toLowerCase().startsWith("::ffff:") ? ip.slice(7) : null;
  if (v4 && net.isIPv4(v4)) {
    const [a, b] = v4.split(".").map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    );
  }
  const x = ip.toLowerCase();
  return (
    x === "::" ||
    x === "::1" ||
    x.startsWith("fc") ||
    x.startsWith("fd") ||
    x.startsWith("fe8") ||
    x.startsWith("fe9") ||
    x.startsWith("fea") ||
    x.startsWith("feb") ||
    x.startsWith("ff")
  );
}

/**
 * Admin-configured servers (IMAP, SMTP) must not reach the instance's own network unless the operator
 * allows it: resolves the host and returns the address to connect to, so a DNS rebind can't swap it.
 */
export async function resolvePublicHost(host: string, allowPrivate: boolean, field: string): Promise<string> {
  const bare = host.replace(/^\[|\]$/g, "");
  let addrs: string[];
  if (net.isIP(bare)) addrs = [bare];
  else {
    try {
      addrs = (await dns.lookup(bare, { all: true })).map((a) => a.address);
    } catch {
      throw badRequest(`${field}: the host ${host} could not be resolved`, field);
    }
  }
  if (!addrs.length) throw badRequest(`${field}: the host ${host} could not be resolved`, field);
  if (!allowPrivate && addrs.some(isPrivateAddress)) {
    throw badRequest(
      `${field}: ${host} is a private or loopback address; set RAPPORT_ALLOW_PRIVATE_HOSTS=true to allow servers on the local network`,
      field,
    );
  }
  return addrs[0];
}
