// The IPVS schedulers kube-proxy can ask the kernel for (--ipvs-scheduler), each as the Linux module
// that implements it picks a real server for a new connection: rr, wrr, lc, wlc, sh, dh, sed, nq
// (net/netfilter/ipvs/ip_vs_{rr,wrr,lc,wlc,sh,dh,sed,nq}.c). A scheduler sees the service's
// destinations in the kernel's list order (a new destination goes to the head, list_add_rcu) and
// their weights and connection counts; a destination of weight 0 is quiesced: it keeps its
// connections but gets no new ones.

/** The schedulers kube-proxy's ipvs mode accepts (mh, fo, ovf, lblc, lblcr exist too, and are not modelled). */
export type IpvsSchedulerName = 'rr' | 'wrr' | 'lc' | 'wlc' | 'sh' | 'dh' | 'sed' | 'nq';

/** Every modelled scheduler name. */
export const ipvsSchedulers: readonly IpvsSchedulerName[] = ['rr', 'wrr', 'lc', 'wlc', 'sh', 'dh', 'sed', 'nq'];

/** What a scheduler reads of a destination (struct ip_vs_dest). */
export interface SchedDest {
  ip: string;
  port: number;
  weight: number;
  activeConns: number;
  inactiveConns: number;
}

/** What a scheduler reads of a new connection's first packet. */
export interface SchedPacket {
  srcIP: string;
  srcPort: number;
  dstIP: string;
}

/** A scheduler bound to one virtual service (its sched_data). */
export interface IpvsScheduler {
  readonly name: IpvsSchedulerName;
  /** A destination was added, removed or re-weighted (add_dest / del_dest / upd_dest), given the list after it. */
  destsChanged(dests: readonly SchedDest[]): void;
  /** A destination is about to be unlinked from `dests` (rr's del_dest looks at its neighbour). */
  destRemoving?(dests: readonly SchedDest[], d: SchedDest): void;
  /** The destination for a new connection; null: "no destination available". */
  schedule(dests: readonly SchedDest[], pkt: SchedPacket): SchedDest | null;
}

/** A new scheduler instance of a kind (init_service). */
export function newScheduler(name: IpvsSchedulerName): IpvsScheduler {
  switch (name) {
    case 'rr':
      return new RoundRobin();
    case 'wrr':
      return new WeightedRoundRobin();
    case 'lc':
      return leastConnection;
    case 'wlc':
      return weightedLeastConnection;
    case 'sed':
      return shortestExpectedDelay;
    case 'nq':
      return neverQueue;
    case 'sh':
      return new SourceHashing();
    case 'dh':
      return new DestinationHashing();
  }
}

/** ip_vs_dest_conn_overhead: activeconns << 8 + inactconns (ip_vs.h). */
export function connOverhead(d: SchedDest): number {
  return d.activeConns * 256 + d.inactiveConns;
}

// Models ip_vs_rr.c: a cursor walks the list from the last pick, skipping quiesced destinations.
class RoundRobin implements IpvsScheduler {
  readonly name = 'rr';
  /** The last destination picked; null is the list head. */
  private cursor: SchedDest | null = null;

  destsChanged(): void {}

  // ip_vs_rr_del_dest: a cursor on the removed destination steps back to the one before it.
  destRemoving(dests: readonly SchedDest[], d: SchedDest): void {
    if (this.cursor !== d) return;
    const i = dests.indexOf(d);
    this.cursor = i > 0 ? dests[i - 1] : null;
  }

  // One lap after the cursor, the cursor itself last (from the head: one lap from the first).
  schedule(dests: readonly SchedDest[]): SchedDest | null {
    const n = dests.length;
    const start = this.cursor === null ? -1 : dests.indexOf(this.cursor);
    for (let k = 1; k <= n; k++) {
      const d = dests[(start + k + n) % n];
      if (d.weight > 0) {
        this.cursor = d;
        return d;
      }
    }
    return null;
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

// Models ip_vs_wrr.c in the form the LVS documentation describes (Linux 2.6): interleaved weighted
// round robin, stepping the current weight down by the gcd of the weights at each lap.
class WeightedRoundRobin implements IpvsScheduler {
  readonly name = 'wrr';
  /** mark->cl: the current destination; null is the list head. */
  private cl: SchedDest | null = null;
  private cw = 0;
  private mw = 0;
  private di = 1;

  // ip_vs_wrr_dest_changed: back to the head, with the gcd and maximum weight recomputed.
  destsChanged(dests: readonly SchedDest[]): void {
    let g = 0;
    let max = 0;
    for (const d of dests) {
      if (d.weight > 0) g = g > 0 ? gcd(d.weight, g) : d.weight;
      if (d.weight > max) max = d.weight;
    }
    this.di = g || 1;
    this.mw = max;
    this.cl = null;
    if (this.cw > this.mw) this.cw = 0;
  }

  // ip_vs_wrr_schedule.
  schedule(dests: readonly SchedDest[]): SchedDest | null {
    if (dests.length === 0) return null;
    const at = (d: SchedDest | null) => (d === null ? -1 : dests.indexOf(d));
    const p = at(this.cl);
    let cl = p;
    for (;;) {
      if (cl === -1) {
        cl = 0;
        this.cw -= this.di;
        if (this.cw <= 0) {
          this.cw = this.mw;
          if (this.cw === 0) {
            this.cl = null;
            return null;
          }
        }
      } else cl = cl + 1 < dests.length ? cl + 1 : -1;
      if (cl !== -1 && dests[cl].weight >= this.cw) {
        this.cl = dests[cl];
        return dests[cl];
      }
      // Back where it started at the lowest weight: every destination is overloaded.
      if (cl === p && this.cw === this.di) {
        this.cl = cl === -1 ? null : dests[cl];
        return null;
      }
    }
  }
}

// Models ip_vs_lc.c: the least overhead among destinations of non-zero weight; the first wins a tie.
const leastConnection: IpvsScheduler = {
  name: 'lc',
  destsChanged() {},
  schedule(dests) {
    let least: SchedDest | null = null;
    let loh = 0;
    for (const d of dests) {
      if (d.weight === 0) continue;
      const doh = connOverhead(d);
      if (!least || doh < loh) {
        least = d;
        loh = doh;
      }
    }
    return least;
  },
};

/** The weighted-least pattern of wlc and sed: the first destination of weight > 0, then any whose overhead/weight is lower. */
function weightedLeast(dests: readonly SchedDest[], overhead: (d: SchedDest) => number): SchedDest | null {
  const first = dests.findIndex((d) => d.weight > 0);
  if (first < 0) return null;
  let least = dests[first];
  let loh = overhead(least);
  for (let i = first + 1; i < dests.length; i++) {
    const d = dests[i];
    const doh = overhead(d);
    // loh/least.weight > doh/d.weight, cross-multiplied as the kernel does (in 64 bits).
    if (loh * d.weight > doh * least.weight) {
      least = d;
      loh = doh;
    }
  }
  return least;
}

// Models ip_vs_wlc.c: overhead (active*256 + inactive) divided by weight, least wins.
const weightedLeastConnection: IpvsScheduler = {
  name: 'wlc',
  destsChanged() {},
  schedule: (dests) => weightedLeast(dests, connOverhead),
};

// Models ip_vs_sed.c: shortest expected delay, (active + 1) / weight.
const shortestExpectedDelay: IpvsScheduler = {
  name: 'sed',
  destsChanged() {},
  schedule: (dests) => weightedLeast(dests, (d) => d.activeConns + 1),
};

// Models ip_vs_nq.c: an idle destination (no active connections) at once, else sed's choice.
const neverQueue: IpvsScheduler = {
  name: 'nq',
  destsChanged() {},
  schedule(dests) {
    let least: SchedDest | null = null;
    let loh = 0;
    for (const d of dests) {
      if (d.weight === 0) continue;
      const doh = d.activeConns + 1;
      if (d.activeConns === 0) return d;
      if (!least || loh * d.weight > doh * least.weight) {
        least = d;
        loh = doh;
      }
    }
    return least;
  },
};

/** IP_VS_SH_TAB_BITS / IP_VS_DH_TAB_BITS (CONFIG_IP_VS_SH_TAB_BITS=8): 256 buckets. */
export const hashTableSize = 256;

/** An IPv4 address as its host-order 32-bit number. */
export function ipv4ToNumber(ip: string): number {
  const p = ip.split('.').map(Number);
  return (((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0);
}

// include/linux/hash.h hash_32 with GOLDEN_RATIO_32.
function hash32(val: number, bits: number): number {
  return Math.imul(val >>> 0, 0x61c88647) >>> (32 - bits);
}

/** ip_vs_sh_hashkey: hash_32(port + addr, 8) (the port is 0 unless the sh-port flag is set). */
export function shHashKey(ip: string, port = 0): number {
  return hash32((port + ipv4ToNumber(ip)) >>> 0, 8) & (hashTableSize - 1);
}

/** ip_vs_dh_hashkey: (addr * 2654435761) & 255. */
export function dhHashKey(ip: string): number {
  return Math.imul(ipv4ToNumber(ip), 2654435761 | 0) & (hashTableSize - 1);
}

// Models ip_vs_sh.c: 256 buckets dealt out in list order, each destination `weight` buckets in a row.
class SourceHashing implements IpvsScheduler {
  readonly name = 'sh';
  private buckets: (SchedDest | null)[] = new Array(hashTableSize).fill(null);

  // ip_vs_sh_reassign.
  destsChanged(dests: readonly SchedDest[]): void {
    let p = 0;
    let count = 0;
    for (let i = 0; i < hashTableSize; i++) {
      if (dests.length === 0) {
        this.buckets[i] = null;
        continue;
      }
      const d = dests[p % dests.length];
      this.buckets[i] = d;
      if (++count >= d.weight) {
        p++;
        count = 0;
      }
    }
  }

  // ip_vs_sh_schedule without the fallback flag: a quiesced bucket owner means no destination.
  schedule(_dests: readonly SchedDest[], pkt: SchedPacket): SchedDest | null {
    const d = this.buckets[shHashKey(pkt.srcIP)];
    return !d || d.weight <= 0 ? null : d;
  }
}

// Models ip_vs_dh.c: 256 buckets dealt out one per destination in list order; the key is the destination address.
class DestinationHashing implements IpvsScheduler {
  readonly name = 'dh';
  private buckets: (SchedDest | null)[] = new Array(hashTableSize).fill(null);

  // ip_vs_dh_reassign.
  destsChanged(dests: readonly SchedDest[]): void {
    for (let i = 0; i < hashTableSize; i++) this.buckets[i] = dests.length === 0 ? null : dests[i % dests.length];
  }

  schedule(_dests: readonly SchedDest[], pkt: SchedPacket): SchedDest | null {
    const d = this.buckets[dhHashKey(pkt.dstIP)];
    return !d || d.weight <= 0 ? null : d;
  }
}
