// Pod addresses from the node's podCIDR, as the CNI host-local IPAM plugin hands them out behind
// the bridge plugin: the first address is the bridge's gateway, addresses go round-robin from the
// one after the last reserved (so a freed address is not reused at once), and the broadcast
// address is never given. A full range fails with host-local's own message.

/** IPv4 text → 32-bit number. */
export function ipToNumber(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`invalid IPv4 address ${JSON.stringify(ip)}`);
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

/** 32-bit number → IPv4 text. */
export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** An allocation that did not fit. */
export class IpamError extends Error {}

/** host-local's allocator over one range (a subnet with the default rangeStart and rangeEnd). */
export class HostLocalIpam {
  private readonly first: number;
  private readonly last: number;
  private readonly reserved = new Map<number, string>();
  private lastReserved: number;
  /** The bridge's address (the subnet's first host): pods' default gateway. */
  readonly gateway: string;

  constructor(readonly subnet: string) {
    const [base, bitsText] = subnet.split('/');
    const bits = Number(bitsText);
    if (!Number.isInteger(bits) || bits < 1 || bits > 30) throw new Error(`invalid CIDR address: ${subnet}`);
    const mask = (~0 << (32 - bits)) >>> 0;
    const network = (ipToNumber(base) & mask) >>> 0;
    const broadcast = (network | (~mask >>> 0)) >>> 0;
    this.first = network + 1;
    this.last = broadcast - 1;
    this.gateway = numberToIp(this.first);
    // The gateway is reserved for the bridge; allocation starts after it.
    this.lastReserved = this.first;
  }

  /** Reserves the next free address for `id` (a sandbox), as `cmdAdd` does. */
  allocate(id: string): string {
    const size = this.last - this.first + 1;
    for (let k = 1; k <= size; k++) {
      const n = this.first + ((this.lastReserved - this.first + k) % size);
      if (n === this.first || this.reserved.has(n)) continue;
      this.reserved.set(n, id);
      this.lastReserved = n;
      return numberToIp(n);
    }
    throw new IpamError(`failed to allocate for range 0: no IP addresses available in range set: ${numberToIp(this.first)}-${numberToIp(this.last)}`);
  }

  /** Frees what `id` holds, as `cmdDel` does; a second release is a no-op. */
  release(id: string): void {
    for (const [n, owner] of this.reserved) if (owner === id) this.reserved.delete(n);
  }

  /** How many addresses are in use. */
  inUse(): number {
    return this.reserved.size;
  }
}
