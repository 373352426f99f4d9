// kubectl describe's describers (k8s.io/kubectl/pkg/describe).
export { describerFor, eventsPath, selectorString, type Describer, type Fetch } from './describers';
export { tabbedString, PrefixWriter } from './writer';
