// The simulation layer: the Env a process sees, the seeded RNG, the network rules and SimHost.
export { MemoryDisk } from './env';
export type { Disk, Env, Process, ProcessFactory, ProcessId, TimerId } from './env';
export { Rng } from './rng';
export { Links, defaultNetwork, deliveryDelays } from './network';
export type { NetworkOptions } from './network';
export { SimHost } from './sim-host';
export type { MessageRecord, SimHostOptions } from './sim-host';
export { Heap } from './heap';
