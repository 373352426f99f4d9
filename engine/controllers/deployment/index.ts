// The Deployment controller (pkg/controller/deployment): its constructor and the parts tests and
// other components reach for.

export { newDeploymentController, maxRetries, getPodMapForDeployment, type DeploymentController } from './controller';
export type { DeploymentContext } from './context';
export * from './util';
