/**
 * `Fn::Cidr [ipBlock, count, cidrBits]`: `count` consecutive subnets of `ipBlock`, each with
 * `cidrBits` host bits (8 → /24 subnets), from the start of the block, as CloudFormation
 * returns them: `!Cidr ["10.0.0.0/16", 3, 8]` → `10.0.0.0/24`, `10.0.1.0/24`, `10.0.2.0/24`.
 *
 * IPv4 only: the IPv6 form mostly feeds VPC resources, which Flowgate does not emulate.
 * Returns a rule violated as a string, for the evaluator to report at the call's path.
 */
export function cidrSubnets(block: string, count: number, cidrBits: number): string[] | string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(block);
  if (match === null) return `'${block}' is not an IPv4 CIDR block (IPv6 blocks are not supported)`;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefix > 32) return `'${block}' is not a valid CIDR block`;
  if (!Number.isInteger(count) || count < 1 || count > 256) return 'the count must be 1 to 256';
  const subnetPrefix = 32 - cidrBits;
  if (!Number.isInteger(cidrBits) || cidrBits < 0 || subnetPrefix < prefix) return `${cidrBits} subnet bits do not fit in a /${prefix} block`;
  // Plain arithmetic, not 32-bit bitwise operators, which would turn 128.0.0.0 and up negative.
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const blockSize = 2 ** (32 - prefix);
  const start = address - (address % blockSize);
  const subnetSize = 2 ** cidrBits;
  if (count * subnetSize > blockSize) return `${count} subnets of /${subnetPrefix} do not fit in ${block}`;
  return Array.from({ length: count }, (_, index) => `${formatAddress(start + index * subnetSize)}/${subnetPrefix}`);
}

function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}
