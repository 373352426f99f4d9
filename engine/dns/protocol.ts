// The DNS wire between pods (kube-proxy's traffic path, `nslookup` in a container) and the coredns
// process: one datagram per question and one per answer, as DNS over UDP is. A client sends
// `DnsQuery` to the process `coredns` and gets `DnsAnswer` back to its own process id; like a real
// stub resolver it must retry on its own timer, since datagrams may be lost.

/** The process every cluster DNS question is sent to (the pods behind 10.96.0.10, see FIDELITY). */
export const corednsProcessId = 'coredns';

/** kube-dns's ClusterIP: the tenth address of the Service range, as kubeadm picks it (GetDNSIP). */
export const clusterDnsIP = '10.96.0.10';

/** The cluster domain (kubelet --cluster-domain, kubeadm networking.dnsDomain). */
export const clusterDomain = 'cluster.local';

/** The record types Kubeplay's DNS knows by name (anything else is answered as CoreDNS does an unknown type). */
export type DnsType = 'A' | 'AAAA' | 'CNAME' | 'PTR' | 'SRV' | 'TXT' | 'NS' | 'SOA' | 'MX' | 'HINFO' | 'ANY' | 'AXFR' | 'IXFR';

/** Every name `DnsType` has, for parsing user input (`nslookup -type=srv`). */
export const dnsTypes: readonly DnsType[] = ['A', 'AAAA', 'CNAME', 'PTR', 'SRV', 'TXT', 'NS', 'SOA', 'MX', 'HINFO', 'ANY', 'AXFR', 'IXFR'];

/** Response codes (RFC 1035 §4.1.1, RFC 2136), by the names dig and nslookup print. */
export type Rcode = 'NOERROR' | 'FORMERR' | 'SERVFAIL' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED';

/** One resource record, class IN. `data` is the RDATA in presentation format, as `dig` prints it. */
export interface DnsRecord {
  /** Owner name, fully qualified with its final dot. */
  name: string;
  type: DnsType;
  ttl: number;
  data: string;
}

/** A question from a client process. */
export interface DnsQuery {
  op: 'dnsQuery';
  /** The client's id for this question, echoed in the answer. */
  id: number | string;
  name: string;
  type: DnsType;
  /** The asking pod's IP, when there is one (CoreDNS's logs and `pods verified` use it). */
  from?: string;
}

/** The answer, sent back to the process that asked. */
export interface DnsAnswer {
  op: 'dnsAnswer';
  id: number | string;
  /** The question, fully qualified. */
  name: string;
  type: DnsType;
  rcode: Rcode;
  answers: DnsRecord[];
  /** The SOA of a negative answer (NXDOMAIN, NODATA), as CoreDNS puts it there. */
  authority: DnsRecord[];
  /** Addresses of SRV targets. */
  additional: DnsRecord[];
  /** The AA bit: set on everything CoreDNS's kubernetes plugin (and its cache) answers. */
  authoritative: boolean;
  /** The RA bit: CoreDNS leaves it clear on its own answers (bind's nslookup then warns). */
  recursionAvailable: boolean;
  truncated: boolean;
  /** Why a SERVFAIL or REFUSED happened, as CoreDNS's `errors` plugin would log it. */
  error?: string;
}

/** A query message, for client code that builds them. */
export function dnsQuery(id: number | string, name: string, type: DnsType, from?: string): DnsQuery {
  return { op: 'dnsQuery', id, name, type, ...(from ? { from } : {}) };
}

/** Whether a datagram is a DNS question. */
export function isDnsQuery(msg: unknown): msg is DnsQuery {
  const m = msg as DnsQuery;
  return !!m && typeof m === 'object' && m.op === 'dnsQuery' && typeof m.name === 'string' && typeof m.type === 'string';
}

/** Whether a datagram is a DNS answer. */
export function isDnsAnswer(msg: unknown): msg is DnsAnswer {
  const m = msg as DnsAnswer;
  return !!m && typeof m === 'object' && m.op === 'dnsAnswer' && typeof m.rcode === 'string';
}

/** A record as a zone file line (miekg/dns's RR.String(): tab-separated). */
export function recordText(r: DnsRecord): string {
  return `${r.name}\t${r.ttl}\tIN\t${r.type}\t${r.data}`;
}
