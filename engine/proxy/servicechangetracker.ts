// The Service side of kube-proxy's incremental sync: informer events accumulate, per Service, the
// ports it had before the last sync and the ports it has now; a sync applies them to the service
// port map and learns which Services changed (what a partial iptables sync rewrites). Models
// pkg/proxy/servicechangetracker.go (ServiceChangeTracker.Update, ServicePortMap.Update).

import type { Service } from '../api/types';
import { servicePorts, type ServicePortInfo } from './serviceport';

interface ServiceChange {
  previous: Map<string, ServicePortInfo>;
  current: Map<string, ServicePortInfo>;
}

/** Changes to Services since the last sync, keyed `namespace/name`. */
export class ServiceChangeTracker {
  private readonly items = new Map<string, ServiceChange>();

  // Models ServiceChangeTracker.Update: a change that undoes itself is dropped.
  /** Records an add (previous null), update or delete (current null); true while any change is pending. */
  update(previous: Service | null, current: Service | null): boolean {
    const svc = current ?? previous;
    if (!svc) return false;
    const key = `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
    let change = this.items.get(key);
    if (!change) {
      change = { previous: previous ? servicePorts(previous) : new Map(), current: new Map() };
      this.items.set(key, change);
    }
    change.current = current ? servicePorts(current) : new Map();
    if (samePorts(change.previous, change.current)) this.items.delete(key);
    return this.items.size > 0;
  }

  /** How many Services changed since the last sync. */
  get pending(): number {
    return this.items.size;
  }

  /** Hands over the pending changes and forgets them. */
  take(): Map<string, ServiceChange> {
    const out = new Map(this.items);
    this.items.clear();
    return out;
  }
}

/** What applying the changes did. */
export interface ServiceMapUpdate {
  /** `namespace/name` of every Service whose ports changed. */
  updatedServices: Set<string>;
}

/** ServicePortMap: every proxied Service port, by servicePortKey. */
export class ServicePortMap {
  readonly ports = new Map<string, ServicePortInfo>();

  // Models ServicePortMap.Update: unmerge what each Service had, merge what it has now.
  /** Applies the tracker's pending changes. */
  update(tracker: ServiceChangeTracker): ServiceMapUpdate {
    const updatedServices = new Set<string>();
    for (const [name, change] of tracker.take()) {
      updatedServices.add(name);
      for (const k of change.previous.keys()) this.ports.delete(k);
      for (const [k, v] of change.current) this.ports.set(k, v);
    }
    return { updatedServices };
  }

  /** The ports in a stable order (by name, then protocol), as the printers list them. */
  sorted(): ServicePortInfo[] {
    return [...this.ports.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  }
}

function samePorts(a: Map<string, ServicePortInfo>, b: Map<string, ServicePortInfo>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || JSON.stringify(v) !== JSON.stringify(w)) return false;
  }
  return true;
}
