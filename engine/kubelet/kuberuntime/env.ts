// A container's environment and its command line as the kubelet builds them: `$(VAR)` references
// expanded (third_party/forked/golang/expansion), env from ConfigMaps, Secrets and the downward
// API resolved in order (kubelet_pods.go makeEnvironmentVariables), with upstream's errors for a
// missing ConfigMap or key (the container then waits in CreateContainerConfigError).

import type { Container, EnvVar, Pod } from '../../api/types';
import { mustParseQuantity } from '../../api/quantity';

/** Where ConfigMaps, Secrets and Service links come from (the process's informers). */
export interface EnvSources {
  configMap?(namespace: string, name: string): Readonly<Record<string, string>> | null;
  secret?(namespace: string, name: string): Readonly<Record<string, string>> | null;
  /** The Service environment variables of a namespace (FOO_SERVICE_HOST, …) for enableServiceLinks. */
  serviceEnv?(namespace: string, enableServiceLinks: boolean): Readonly<Record<string, string>>;
}

/** A value the kubelet could not resolve; the message is upstream's. */
export class EnvError extends Error {}

// Models third_party/forked/golang/expansion/expand.go Expand
/** Expands `$(NAME)` with `lookup`; `$$` is a literal `$`; unknown names are left as written. */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  let checkpoint = 0;
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== '$' || i + 1 >= input.length) continue;
    out += input.slice(checkpoint, i);
    const rest = input.slice(i + 1);
    let advance = 1;
    if (rest[0] === '$') out += '$';
    else if (rest[0] === '(') {
      const close = rest.indexOf(')');
      if (close < 0) out += '$(';
      else {
        const name = rest.slice(1, close);
        out += lookup(name) ?? `$(${name})`;
        advance = close + 1;
      }
    } else out += `$${rest[0]}`;
    i += advance;
    checkpoint = i + 1;
  }
  return out + input.slice(checkpoint);
}

// Models pkg/kubelet/container/helpers.go ExpandContainerCommandOnlyStatic
/** A probe's exec command, expanded with the container's plain `value` env vars only. */
export function expandStatic(cmd: string[], env: EnvVar[]): string[] {
  const vars = new Map(env.filter((e) => e.value !== undefined && !e.valueFrom).map((e) => [e.name, e.value!]));
  return cmd.map((c) => expand(c, (n) => vars.get(n)));
}

/** What the downward API reads from besides the pod. */
export interface DownwardContext {
  podIP: string;
  hostIP: string;
  nodeName: string;
  allocatable: { cpuMilli: number; memoryBytes: number };
}

// Models pkg/kubelet/kubelet_pods.go makeEnvironmentVariables
/** The container's environment, in order; throws EnvError as the kubelet fails the container. */
export function makeEnvironmentVariables(pod: Pod, c: Container, sources: EnvSources, down: DownwardContext): [string, string][] {
  const ns = pod.metadata.namespace ?? 'default';
  const tmp = new Map<string, string>();
  const services = sources.serviceEnv?.(ns, pod.spec?.enableServiceLinks ?? true) ?? {};
  for (const [k, v] of Object.entries(services)) tmp.set(k, v);
  const result = new Map<string, string>();
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const isCm = !!from.configMapRef;
    const data = isCm ? sources.configMap?.(ns, ref.name ?? '') : sources.secret?.(ns, ref.name ?? '');
    if (!data) {
      if (ref.optional) continue;
      throw new EnvError(`${isCm ? 'configmap' : 'secret'} "${ref.name}" not found`);
    }
    for (const [k, v] of Object.entries(data)) tmp.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const [k, v] of tmp) result.set(k, v);
  const lookup = (n: string) => result.get(n) ?? services[n];
  for (const e of c.env ?? []) {
    let value = e.value ?? '';
    if (e.valueFrom) {
      const v = envVarFrom(pod, c, e, sources, down);
      if (v === null) continue;
      value = v;
    } else value = expand(value, lookup);
    result.set(e.name, value);
  }
  return [...result];
}

// One env var's valueFrom; null when an optional source is missing.
function envVarFrom(pod: Pod, c: Container, e: EnvVar, sources: EnvSources, down: DownwardContext): string | null {
  const ns = pod.metadata.namespace ?? 'default';
  const from = e.valueFrom!;
  if (from.fieldRef) return podField(pod, from.fieldRef.fieldPath, down);
  if (from.resourceFieldRef) return resourceField(c, from.resourceFieldRef.resource, from.resourceFieldRef.divisor, down);
  const key = from.configMapKeyRef ?? from.secretKeyRef;
  if (!key) return '';
  const isCm = !!from.configMapKeyRef;
  const kind = isCm ? 'ConfigMap' : 'Secret';
  const data = isCm ? sources.configMap?.(ns, key.name ?? '') : sources.secret?.(ns, key.name ?? '');
  if (!data) {
    if (key.optional) return null;
    throw new EnvError(`${isCm ? 'configmap' : 'secret'} "${key.name}" not found`);
  }
  const v = data[key.key];
  if (v === undefined) {
    if (key.optional) return null;
    throw new EnvError(`couldn't find key ${key.key} in ${kind} ${ns}/${key.name}`);
  }
  return v;
}

// Models pkg/kubelet/kubelet_pods.go podFieldSelectorRuntimeValue
function podField(pod: Pod, path: string, down: DownwardContext): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'spec.nodeName': return down.nodeName;
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs': return down.hostIP;
    case 'status.podIP':
    case 'status.podIPs': return down.podIP;
    default: throw new EnvError(`unsupported fieldPath: ${path}`);
  }
}

// Models pkg/api/v1/resource/helpers.go ExtractContainerResourceValue: ceil(value / divisor).
function resourceField(c: Container, resource: string, divisor: string | undefined, down: DownwardContext): string {
  const [kind, name] = resource.split('.');
  const list = kind === 'limits' ? c.resources?.limits : c.resources?.requests;
  const q = list?.[name];
  if (name === 'cpu') {
    const milli = q ? mustParseQuantity(q).milliValue() : kind === 'limits' ? down.allocatable.cpuMilli : 0;
    const d = mustParseQuantity(divisor ?? '1').milliValue();
    return String(Math.ceil(milli / d));
  }
  const bytes = q ? mustParseQuantity(q).value() : kind === 'limits' && name === 'memory' ? down.allocatable.memoryBytes : 0;
  const d = mustParseQuantity(divisor ?? '1').value();
  return String(Math.ceil(bytes / d));
}

// Models pkg/kubelet/container/helpers.go ExpandContainerCommandAndArgs
/** The command and args with `$(VAR)` references to the container's environment expanded. */
export function expandCommandAndArgs(c: Container, env: [string, string][]): { command: string[]; args: string[] } {
  const vars = new Map(env);
  const lookup = (n: string) => vars.get(n);
  return { command: (c.command ?? []).map((s) => expand(s, lookup)), args: (c.args ?? []).map((s) => expand(s, lookup)) };
}
