// kube-apiserver's client to the kubelets (pkg/kubelet/client/kubelet_client.go): the logs and exec
// subresources are proxied to `https://<node address>:<kubelet port>/…`. Here a node's kubelet is
// the process named as the node; the apiserver keeps one connection (a stream, as HTTP/2 would) to
// each it has talked to and multiplexes requests on it with the same frames kubectl uses
// (engine/apiserver/http.ts). It authenticates with the client certificate kubeadm issues it
// (CN=kube-apiserver-kubelet-client, O=kubeadm:cluster-admins). A dial to a node that is down or
// cut off fails after the dialer's 30 s timeout, as `dial tcp <ip>:10250: i/o timeout`.

import type { Cancel } from '../../sim/co';
import type { Env, Input, ProcessId, StreamId } from '../../sim/env';
import { clientCertToken } from '../auth/authn';
import type { ClientFrame, HttpRequest, HttpResponse, ServerFrame } from '../http';

/** The transport's dial timeout (kubelet_client.go MakeTransport: net.Dialer{Timeout: 30s}). */
export const kubeletDialTimeoutMs = 30_000;

/** What a request hears: its head, its body in chunks, and its end (an error text when it failed before a head). */
export interface KubeletResponseHandler {
  head(res: HttpResponse): void;
  chunk(data: string): void;
  /** The response ended; `error` is set when no response came (`dial tcp …: i/o timeout`, `EOF`). */
  end(error: string | null): void;
}

interface Pending {
  stream: StreamId;
  handler: KubeletResponseHandler;
  headSeen: boolean;
  address: string;
}

/** The kubelet client of one apiserver; a part of the apiserver process (it routes its own inputs). */
export class KubeletClient {
  private readonly conns = new Map<ProcessId, StreamId>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly token = clientCertToken('kube-apiserver-kubelet-client', ['kubeadm:cluster-admins']);

  constructor(
    private readonly env: Env,
    /** Calls back after `ms` simulated ms (the apiserver's timers). */
    private readonly after: (ms: number, fn: () => void) => Cancel,
  ) {}

  /**
   * Sends `req` to the kubelet of `node` (its process), whose address messages name as
   * `address:port`; the answer cancels the request (the kubelet stops streaming).
   */
  request(node: ProcessId, address: string, req: HttpRequest, handler: KubeletResponseHandler): Cancel {
    const id = this.nextId++;
    const frame: ClientFrame = { t: 'req', id, req: { ...req, headers: { ...req.headers, authorization: `Bearer ${this.token}` } } };
    const stream = this.send(node, frame);
    if (stream === null) {
      // The SYN goes nowhere: the dial times out.
      let done = false;
      const cancel = this.after(kubeletDialTimeoutMs, () => {
        done = true;
        handler.end(`dial tcp ${address}: i/o timeout`);
      });
      return () => {
        if (!done) cancel();
        done = true;
      };
    }
    this.pending.set(id, { stream, handler, headSeen: false, address });
    return () => {
      if (!this.pending.delete(id)) return;
      this.env.write(stream, { t: 'cancel', id } satisfies ClientFrame);
    };
  }

  /** Takes the client's inputs (its streams' frames and closes); false for others. */
  receive(input: Input): boolean {
    if (input.type === 'data') {
      if (![...this.conns.values()].includes(input.stream)) return false;
      this.onFrame(input.msg as ServerFrame);
      return true;
    }
    if (input.type === 'closed') {
      let node: ProcessId | null = null;
      for (const [n, s] of this.conns) if (s === input.stream) node = n;
      if (node === null) return false;
      this.conns.delete(node);
      for (const [id, p] of [...this.pending]) {
        if (p.stream !== input.stream) continue;
        this.pending.delete(id);
        // A connection that breaks before an answer fails the request (EOF); after one, the body just ends.
        p.handler.end(p.headSeen ? null : 'EOF');
      }
      return true;
    }
    return false;
  }

  /** Requests waiting on kubelets, for `inspect.pending`. */
  get inflight(): number {
    return this.pending.size;
  }

  // Writes on the node's connection, dialling one when there is none; null when the node cannot be reached.
  private send(node: ProcessId, frame: ClientFrame): StreamId | null {
    const open = this.conns.get(node);
    if (open !== undefined && this.env.write(open, frame)) return open;
    this.conns.delete(node);
    const stream = this.env.connect(node, { kubeletClient: true });
    if (!this.env.write(stream, frame)) return null;
    this.conns.set(node, stream);
    return stream;
  }

  private onFrame(f: ServerFrame): void {
    const p = this.pending.get(f.id);
    if (!p) return;
    if (f.t === 'res') {
      p.headSeen = true;
      p.handler.head(f.res);
      if (f.res.body) p.handler.chunk(f.res.body);
      if (!f.stream) {
        this.pending.delete(f.id);
        p.handler.end(null);
      }
    } else if (f.t === 'chunk') p.handler.chunk(f.data);
    else {
      this.pending.delete(f.id);
      p.handler.end(null);
    }
  }
}
