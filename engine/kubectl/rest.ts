// client-go's REST client as kubectl's commands use it, as coroutines: a request answers a
// response (any status; the caller turns a Status body into an error), a watch streams decoded
// events until it ends. A transport failure (no apiserver reachable, a broken connection) throws
// a TransportError with the text kubectl prints for it.

import { suspend, type Cancel, type Co } from '../sim/co';
import type { HttpRequest, HttpResponse, Method } from '../apiserver/http';

/** A request that never got an HTTP answer. */
export class TransportError extends Error {}

/** What kubectl's commands need of the connection to the apiserver. */
export interface RestTransport {
  now(): number;
  /** Sends one request; `done` is called once with the whole response or a transport error. */
  request(req: HttpRequest, done: (err: TransportError | null, res?: HttpResponse) => void): Cancel;
  /** Opens a streamed request (a watch); `onChunk` gets the body's pieces; `onEnd` once at the end. */
  stream(req: HttpRequest, onHead: (res: HttpResponse) => void, onChunk: (data: string) => void, onEnd: (err: TransportError | null) => void): Cancel;
  sleep(ms: number, wake: () => void): Cancel;
  /** The server URL kubectl's kubeconfig names (`https://10.0.0.2:6443`). */
  readonly server: string;
}

/** A REST call over the transport, with kubectl's default headers. */
export class RestClient {
  constructor(
    readonly transport: RestTransport,
    /** Sent with every request (impersonation). */
    readonly headers: Record<string, string>,
  ) {}

  private headersWith(extra: Record<string, string> = {}): Record<string, string> {
    return { accept: 'application/json', 'user-agent': 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd', ...this.headers, ...extra };
  }

  /** One request; resumes with the response whatever its status. */
  *call(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Co<HttpResponse> {
    const req: HttpRequest = { method, url, headers: this.headersWith(body !== undefined ? { 'content-type': 'application/json', ...headers } : headers), ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) };
    return yield* suspend<HttpResponse>((resume, fail) => this.transport.request(req, (err, res) => (err ? fail(err) : resume(res!))));
  }

  /**
   * A watch: calls `onEvent` for each `{type, object}` line until the server ends the response; the
   * coroutine then returns. Interrupting it (Ctrl-C) cancels the request.
   */
  *watch(url: string, onEvent: (e: { type: string; object: Record<string, unknown> }) => void, onHead?: (res: HttpResponse) => void, headers: Record<string, string> = {}): Co<HttpResponse> {
    let head: HttpResponse | null = null;
    let buffer = '';
    yield* suspend<void>((resume, fail) =>
      this.transport.stream(
        { method: 'GET', url, headers: this.headersWith(headers) },
        (res) => {
          head = res;
          onHead?.(res);
        },
        (data) => {
          buffer += data;
          for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            if (line.trim()) onEvent(JSON.parse(line) as { type: string; object: Record<string, unknown> });
          }
        },
        (err) => (err ? fail(err) : resume(undefined)),
      ),
    );
    return head ?? { status: 0, headers: {}, body: '' };
  }

  *sleep(ms: number): Co<void> {
    yield* suspend<void>((resume) => this.transport.sleep(ms, () => resume(undefined)));
  }
}
