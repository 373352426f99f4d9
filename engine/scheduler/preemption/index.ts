// Preemption: the evaluator (pkg/scheduler/framework/preemption) and the DefaultPreemption plugin.

export * from './default-preemption';
export * from './preemption';
export * from './util';
