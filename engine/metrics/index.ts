// metrics-server and the resource metrics API (metrics.k8s.io/v1beta1): the process kind and its
// config, the addon objects that register it with the aggregator, and the API's types.

export { metricsServerKind, metricResolutionMs, metricsServerToken, metricsServerTokens, MetricsServerProcess, type MetricsServerConfig } from './server';
export { metricsServerAddonObjects, metricsServerProcessId, metricsServerServiceAccount, metricsServerUser, metricsApiServiceName } from './addon';
export { serveMetricsApi, metricsResourceList, metricsApiGroup, type MetricsApiState } from './api';
export { NodeStorage, PodStorage, decodeSummary, resourceUsage, type MetricsBatch, type MetricsPoint } from './storage';
export * from './types';
