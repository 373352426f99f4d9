// What the recorders of real-kubectl fixtures share (scripts/record-kubectl.ts, record-create-*.ts):
// a headless cluster's apiserver served over HTTP on 127.0.0.1 (every request through Cluster.api,
// as the engine's own kubectl sends it), and one run of the real kubectl against a server, with its
// output and exit code as a fixture line holds them.

import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { promisify } from 'node:util';
import type { Cluster } from '../../cluster';
import { shellWords } from '../../etcdctl/shell';

const run = promisify(execFile);

/** One line of a fixture: what kubectl printed for `line`, and its exit code. */
export interface RecordedRun {
  line: string;
  code: number;
  stdout: string;
  stderr: string;
}

/** A request body the apiserver cannot read as sent (protobuf), turned into JSON; null to send it as it came. */
export type BodyDecoder = (contentType: string, body: Buffer) => string | null;

/** Serves `c`'s apiserver on a free port of 127.0.0.1, one request at a time; answers its URL and a close. */
export async function serveApiserver(c: Cluster, decode?: BodyDecoder): Promise<{ url: string; close(): void }> {
  // One request at a time: the simulation is single-threaded and kubectl waits for each answer.
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      queue = queue.then(async () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
        let body = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
        const decoded = chunks.length && decode ? decode(headers['content-type'] ?? '', Buffer.concat(chunks)) : null;
        if (decoded !== null) {
          body = decoded;
          headers['content-type'] = 'application/json';
          headers.accept = 'application/json';
        }
        const r = await c.api(req.method as 'GET', req.url ?? '/', body, headers);
        res.writeHead(r.status || 502, { 'content-type': r.body.startsWith('{') ? 'application/json' : 'text/plain' });
        res.end(r.body);
      });
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() };
}

/** Runs the real kubectl (`kubectl`, a path) on `line` against `server`, with no kubeconfig; prints and answers what it did. */
export async function runRealKubectl(kubectl: string, server: string, line: string, stdin?: string): Promise<RecordedRun> {
  const args = [`--server=${server}`, '--token=kubeplay-admin-token', ...shellWords(line)];
  let code = 0;
  let stdout = '';
  let stderr = '';
  try {
    const p = run(kubectl, args, { env: { ...process.env, KUBECONFIG: '/dev/null', KUBECACHEDIR: '/tmp/kubeplay-kubecache' } });
    if (stdin !== undefined) p.child.stdin!.end(stdin);
    ({ stdout, stderr } = await p);
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    code = x.code ?? 1;
    stdout = x.stdout ?? '';
    stderr = x.stderr ?? '';
  }
  console.log(`$ kubectl ${line}\n${stdout}${stderr}[${code}]`);
  return { line, code, stdout, stderr };
}
