// The one Worker entry: it can host any registered process kind, one or a pool of them. An adapter
// only; the processes are engine code (engine/kinds.ts).
import { processKinds } from '../kinds';
import { servePool } from './pool-worker';

servePool(processKinds);
