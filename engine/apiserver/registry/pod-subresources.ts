// Where the apiserver's router sends the pod subresources that are not plain storage: log and
// exec (proxied to the pod's kubelet, pod-connect.ts) and eviction (a PDB-checked delete,
// eviction.ts), each with the verbs upstream installs for it.

import type { Co } from '../../sim/co';
import { newMethodNotSupported } from '../errors';
import type { HttpRequest } from '../http';
import { evict } from './eviction';
import { podExec, podLog, type ConnectContext, type SubresourceWriter } from './pod-connect';
import type { Call } from './rest';

/** The pod subresources served here. */
export const podSubresources: ReadonlySet<string> = new Set(['log', 'exec', 'eviction']);

/** Serves pods/log (GET), pods/exec (GET, POST) and pods/eviction (POST); answers the status written. */
export function* servePodSubresource(ctx: ConnectContext, c: Call, req: HttpRequest, w: SubresourceWriter): Co<number> {
  const { subresource: sub, verb } = c.req;
  const refuse = () => newMethodNotSupported({ group: '', resource: `pods/${sub}` }, verb);
  switch (sub) {
    case 'log':
      if (verb !== 'get') throw refuse();
      return yield* podLog(ctx, c, w);
    case 'exec':
      if (verb !== 'get' && verb !== 'create') throw refuse();
      return yield* podExec(ctx, c, req, w);
    case 'eviction': {
      if (verb !== 'create') throw refuse();
      const status = yield* evict(ctx.rest, c, req.body);
      return w.json(status.code ?? 201, status);
    }
    default:
      throw refuse();
  }
}
