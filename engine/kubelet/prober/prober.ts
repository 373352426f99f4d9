// One probe run against a container: exec in it, an HTTP GET, a TCP connect or a gRPC health check
// at the pod's IP, each answered by the simulated program, with the output texts the real probers
// produce (pkg/probe/{exec,http,tcp,grpc}) and the Unhealthy event the kubelet records.

import type { Container, ContainerStatus, Pod, Probe } from '../../api/types';
import type { Co } from '../../sim/co';
import { containerRef, reason, type EventRecorder } from '../events';
import type { ProbeResult } from '../kuberuntime/pod-actions';
import { expandStatic } from '../kuberuntime/env';
import type { RuntimeService } from '../runtime/runtime-service';

/** pkg/kubelet/prober probeType. */
export type ProbeType = 'liveness' | 'readiness' | 'startup';

/** What a probe run found: a result, the prober's output, or an error (the result is then thrown away). */
export interface ProbeOutcome {
  result: ProbeResult;
  output: string;
  error?: string;
}

/** The kubelet's User-Agent on HTTP probes (kube-probe/<major>.<minor>). */
export const probeUserAgent = 'kube-probe/1.32';

const probeTypeName: Record<ProbeType, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

/** The probe of a type on a container. */
export function probeOf(c: Container, type: ProbeType): Probe | undefined {
  return type === 'liveness' ? c.livenessProbe : type === 'readiness' ? c.readinessProbe : c.startupProbe;
}

// Models pkg/kubelet/prober/prober.go probe
/** Runs a container's probe once and records an Unhealthy event when it fails. */
export function* probe(rt: RuntimeService, recorder: EventRecorder, type: ProbeType, pod: Pod, status: { podIP?: string }, container: Container, cs: ContainerStatus): Co<ProbeOutcome> {
  const spec = probeOf(container, type);
  if (!spec) return { result: 'Success', output: '' };
  const out = yield* runProbe(rt, type, spec, status.podIP ?? '', container, cs);
  if (out.error !== undefined) {
    recorder.event(containerRef(pod, container), 'Warning', reason.containerUnhealthy, `${probeTypeName[type]} probe errored: ${out.error}`);
    return { result: 'Failure', output: '', error: out.error };
  }
  if (out.result !== 'Success') recorder.event(containerRef(pod, container), 'Warning', reason.containerUnhealthy, `${probeTypeName[type]} probe failed: ${out.output}`);
  return out;
}

// Models pkg/kubelet/prober/prober.go runProbe
function* runProbe(rt: RuntimeService, type: ProbeType, p: Probe, podIP: string, container: Container, cs: ContainerStatus): Co<ProbeOutcome> {
  const timeoutMs = (p.timeoutSeconds ?? 1) * 1000;
  const rawId = (cs.containerID ?? '').replace(/^[a-z]+:\/\//, '');
  const chaos = rt.process(rawId)?.chaosFails(type) ?? false;
  if (p.exec) {
    if (chaos) return { result: 'Failure', output: '' };
    const cmd = expandStatic(p.exec.command ?? [], container.env ?? []);
    const r = yield* rt.execSync(rawId, cmd, timeoutMs);
    if ('error' in r) return { result: 'Unknown', output: '', error: `rpc error: code = Unknown desc = ${r.error}` };
    if ('timedOut' in r) return { result: 'Failure', output: `command ${JSON.stringify(cmd.join(' '))} timed out` };
    return { result: r.code === 0 ? 'Success' : 'Failure', output: r.output };
  }
  if (p.httpGet) {
    const port = extractPort(p.httpGet.port, container);
    if (typeof port === 'string') return { result: 'Unknown', output: '', error: port };
    const host = p.httpGet.host || podIP;
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    const path = p.httpGet.path ?? '';
    const url = `${scheme}://${host}:${port}${path.startsWith('/') || path === '' ? path : `/${path}`}`;
    if (chaos && rt.tcpConnect(host, port)) return { result: 'Failure', output: 'HTTP probe failed with statuscode: 500' };
    const answer = rt.httpGet(host, port, path || '/', probeUserAgent);
    if (answer === 'refused') return { result: 'Failure', output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    if (answer === 'no-http') return { result: 'Failure', output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
    if (scheme === 'https') return { result: 'Failure', output: `Get "${url}": http: server gave HTTP response to HTTPS client` };
    if (answer.status >= 200 && answer.status < 400) return { result: 'Success', output: answer.body };
    return { result: 'Failure', output: `HTTP probe failed with statuscode: ${answer.status}` };
  }
  if (p.tcpSocket) {
    const port = extractPort(p.tcpSocket.port, container);
    if (typeof port === 'string') return { result: 'Unknown', output: '', error: port };
    const host = p.tcpSocket.host || podIP;
    if (!chaos && rt.tcpConnect(host, port)) return { result: 'Success', output: '' };
    return { result: 'Failure', output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (p.grpc) {
    const addr = `${podIP}:${p.grpc.port}`;
    const answer = rt.grpcCheck(podIP, p.grpc.port, p.grpc.service ?? '');
    if (answer === 'refused') return { result: 'Failure', output: `timeout: failed to connect service "${addr}" within ${timeoutMs / 1000}s: context deadline exceeded` };
    if (answer === 'unimplemented') return { result: 'Failure', output: 'error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service grpc.health.v1.Health' };
    const served = chaos ? 'NOT_SERVING' : answer;
    if (served !== 'SERVING') return { result: 'Failure', output: `service unhealthy (responded with "${served}")` };
    return { result: 'Success', output: 'service healthy' };
  }
  return { result: 'Unknown', output: '', error: 'missing probe handler' };
}

// Models pkg/kubelet/prober/prober.go extractPort and findPortByName
/** The port number a probe names (a number, a named container port, or a number in a string); an error text otherwise. */
export function extractPort(param: number | string, container: Container): number | string {
  let port: number;
  if (typeof param === 'number') port = param;
  else {
    const named = container.ports?.find((p) => p.name === param);
    if (named) port = named.containerPort;
    else if (/^[+-]?\d+$/.test(param)) port = Number(param);
    else return `strconv.Atoi: parsing ${JSON.stringify(param)}: invalid syntax`;
  }
  if (port > 0 && port < 65536) return port;
  return `invalid port number: ${port}`;
}
