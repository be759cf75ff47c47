import net from 'node:net';

// IPv4 ranges that are not the public internet: this network, private, carrier-grade NAT, loopback,
// link-local (cloud metadata at 169.254.169.254), protocol assignments, documentation, 6to4 relay,
// benchmarking, multicast, reserved and broadcast.
const privateIpv4: Array<[string, number]> = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];

// IPv6 ranges that are not the public internet: unspecified, loopback and IPv4-compatible (::/96),
// IPv4-translated, local-use NAT64, discard, Teredo, documentation, unique local (fc00::/7),
// link-local (fe80::/10), site-local and multicast.
const privateIpv6: Array<[string, number]> = [
  ['::', 96], ['::ffff:0:0:0', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 32], ['2001:db8::', 32],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
];

const blocked = new net.BlockList();
for (const [address, prefix] of privateIpv4) {
  // Also matches the IPv4-mapped form (::ffff:10.0.0.1) of each address: BlockList maps them.
  blocked.addSubnet(address, prefix, 'ipv4');
  // IPv6 forms that carry an IPv4 address the network would reach: NAT64 and 6to4.
  const [high, low] = hexGroups(address);
  blocked.addSubnet(`64:ff9b::${high}:${low}`, 96 + prefix, 'ipv6');
  blocked.addSubnet(`2002:${high}:${low}::`, 16 + prefix, 'ipv6');
}
for (const [address, prefix] of privateIpv6) blocked.addSubnet(address, prefix, 'ipv6');

/** True when `address` (an IP address, no brackets) is on the public internet; false for anything private, local or reserved, and for what is not an address. */
export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  return !blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** An IPv4 address as the two 16-bit hex groups it takes in an IPv6 address. */
function hexGroups(ipv4: string): [string, string] {
  const [a, b, c, d] = ipv4.split('.').map(Number) as [number, number, number, number];
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
