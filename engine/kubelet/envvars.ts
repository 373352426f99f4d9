// The Service environment variables the kubelet gives every container (pkg/kubelet/envvars and
// kubelet_pods.go getServiceEnvVarMap): for each Service with a cluster IP in the pod's namespace
// (when enableServiceLinks, the default) and always for the `kubernetes` Service of `default`,
// `<NAME>_SERVICE_HOST`, `<NAME>_SERVICE_PORT` (and one per named port) and the Docker-link
// variables `<NAME>_PORT`, `<NAME>_PORT_<port>_<PROTO>{,_PROTO,_PORT,_ADDR}`.

import type { Service } from '../api/types';
import type { Lister } from '../client/store';
import { EnvError, type EnvSources } from './kuberuntime/env';

/** The Services of the master namespace that every pod sees (kubelet_pods.go masterServices). */
const masterServices = new Set(['kubernetes']);

// Models pkg/apis/core/v1/helper IsServiceIPSet.
function isServiceIPSet(s: Service): boolean {
  const ip = s.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
}

// Models pkg/kubelet/envvars/envvars.go makeEnvVariableName.
function envName(s: string): string {
  return s.replace(/-/g, '_').toUpperCase();
}

// IPv6 addresses are bracketed, as net.JoinHostPort writes them.
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

// Models pkg/kubelet/envvars/envvars.go FromServices (and makeLinkVariables).
/** The variables of `services`, in order; Services without a cluster IP give none. */
export function fromServices(services: readonly Service[]): [string, string][] {
  const out: [string, string][] = [];
  for (const s of services) {
    if (!isServiceIPSet(s)) continue;
    const ip = s.spec!.clusterIP!;
    const ports = s.spec?.ports ?? [];
    const prefix = envName(s.metadata.name ?? '');
    out.push([`${prefix}_SERVICE_HOST`, ip]);
    if (ports.length === 0) continue;
    out.push([`${prefix}_SERVICE_PORT`, String(ports[0].port)]);
    for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
    ports.forEach((p, i) => {
      const proto = (p.protocol ?? 'TCP').toLowerCase();
      const url = `${proto}://${joinHostPort(ip, p.port)}`;
      // Docker special-cases the first port.
      if (i === 0) out.push([`${prefix}_PORT`, url]);
      const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.push([pp, url], [`${pp}_PROTO`, proto], [`${pp}_PORT`, String(p.port)], [`${pp}_ADDR`, ip]);
    });
  }
  return out;
}

// Models pkg/kubelet/kubelet_pods.go getServiceEnvVarMap.
/**
 * The Service variables of a pod in `namespace`: its namespace's Services when `enableServiceLinks`,
 * and the master Services of `default` always. Upstream collects them in a Go map (no order);
 * here the Services go by name, which is what makes a container's environment replay.
 */
export function serviceEnvVarMap(services: readonly Service[], namespace: string, enableServiceLinks: boolean): Record<string, string> {
  const byName = new Map<string, Service>();
  for (const s of services) {
    if (!isServiceIPSet(s)) continue;
    const name = s.metadata.name ?? '';
    if (s.metadata.namespace === 'default' && masterServices.has(name)) {
      if (!byName.has(name)) byName.set(name, s);
    } else if (s.metadata.namespace === namespace && enableServiceLinks) byName.set(name, s);
  }
  const mapped = [...byName.keys()].sort().map((n) => byName.get(n)!);
  return Object.fromEntries(fromServices(mapped));
}

/**
 * The kubelet's Service environment over its Service informer. Until the informer has listed once
 * a container cannot be configured (kubelet_pods.go: the pod waits in CreateContainerConfigError).
 */
export function serviceEnvSource(services: Lister<Service>, hasSynced: () => boolean): Pick<EnvSources, 'serviceEnv'> {
  return {
    serviceEnv(namespace, enableServiceLinks) {
      if (!hasSynced()) throw new EnvError('services have not yet been read at least once, cannot construct envvars');
      return serviceEnvVarMap(services.list(), namespace, enableServiceLinks);
    },
  };
}
