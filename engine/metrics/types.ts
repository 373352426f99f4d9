// metrics.k8s.io/v1beta1, as k8s.io/metrics/pkg/apis/metrics/v1beta1/types.go defines it: what
// metrics-server serves and `kubectl top` and the HorizontalPodAutoscaler read. Usage quantities
// are strings in their canonical form (cpu "12345678n" or "250m", memory "4567Ki").

import type { ResourceInfo } from '../api/resources';
import type { ObjectMeta } from '../api/types';

/** The group and version metrics-server serves. */
export const metricsGroup = 'metrics.k8s.io';
export const metricsVersion = 'v1beta1';
export const metricsGroupVersion = `${metricsGroup}/${metricsVersion}`;

/** A ResourceList: quantities by resource name. */
export type ResourceList = Record<string, string>;

/** NodeMetrics. */
export interface NodeMetrics {
  kind?: 'NodeMetrics';
  apiVersion?: string;
  metadata: ObjectMeta;
  /** The end of the window the usage was measured over (seconds, RFC 3339). */
  timestamp: string;
  /** The window's length, as Go prints a duration ("15.012s"). */
  window: string;
  usage: ResourceList;
}

/** ContainerMetrics. */
export interface ContainerMetrics {
  name: string;
  usage: ResourceList;
}

/** PodMetrics. */
export interface PodMetrics {
  kind?: 'PodMetrics';
  apiVersion?: string;
  metadata: ObjectMeta;
  timestamp: string;
  window: string;
  containers: ContainerMetrics[];
}

/** NodeMetricsList / PodMetricsList. */
export interface MetricsList<T> {
  kind: string;
  apiVersion: string;
  metadata: Record<string, unknown>;
  items: T[];
}

// Resources the apiserver does not serve itself (it proxies them, engine/apiserver/aggregator.ts);
// clients address them with these, as the metrics clientset does.
function metricsResource(kind: string, resource: string, namespaced: boolean): ResourceInfo {
  return { group: metricsGroup, version: metricsVersion, kind, resource, singular: '', namespaced, shortNames: [], categories: [], verbs: ['get', 'list'], subresources: [] };
}

/** nodes.metrics.k8s.io, for a clientset's get and list. */
export const nodeMetricsResource = metricsResource('NodeMetrics', 'nodes', false);
/** pods.metrics.k8s.io, for a clientset's get and list. */
export const podMetricsResource = metricsResource('PodMetrics', 'pods', true);
