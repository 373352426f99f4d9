// postStart and preStop hooks (pkg/kubelet/lifecycle/handlers.go): an exec in the container, an
// HTTP GET to it, or a sleep. A hook's failure is its error text; success is null.

import type { Container, LifecycleHandler } from '../../api/types';
import type { Co } from '../../sim/co';
import { extractPort } from '../prober/prober';
import type { RuntimeService } from '../runtime/runtime-service';
import type { Scheduler } from '../scheduler';

// Models pkg/kubelet/lifecycle/handlers.go HandlerRunner.Run
/** Runs a hook against a container; resolves to its error text, or null when it succeeded. */
export function* runHandler(rt: RuntimeService, sched: Scheduler, containerId: string, podIP: string, c: Container, h: LifecycleHandler): Co<string | null> {
  if (h.exec) {
    const cmd = h.exec.command ?? [];
    const r = yield* rt.execSync(containerId, cmd, 24 * 3600 * 1000);
    if ('error' in r) return r.error;
    if ('timedOut' in r) return `command '${cmd.join(' ')}' timed out`;
    return r.code === 0 ? null : `command '${cmd.join(' ')}' exited with ${r.code}: ${r.output}`;
  }
  if (h.httpGet) {
    const port = extractPort(h.httpGet.port, c);
    if (typeof port === 'string') return port;
    const host = h.httpGet.host || podIP;
    const path = h.httpGet.path ?? '';
    const answer = rt.httpGet(host, port, path || '/', 'kube-lifecycle/1.32');
    const url = `${(h.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${path}`;
    if (answer === 'refused') return `Get "${url}": dial tcp ${host}:${port}: connect: connection refused`;
    if (answer === 'no-http') return `Get "${url}": context deadline exceeded`;
    return answer.status >= 200 && answer.status < 400 ? null : `HTTP lifecycle hook (${path}) for Container "${c.name}" in Pod returned status ${answer.status}`;
  }
  if (h.sleep) {
    yield* sched.sleep(h.sleep.seconds * 1000);
    return null;
  }
  if (h.tcpSocket) return 'invalid handler: tcpSocket is not supported';
  return 'invalid handler';
}
