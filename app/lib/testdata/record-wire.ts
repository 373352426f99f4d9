// Records the wire messages of one `kubectl create namespace demo` in a headless cluster with the
// control plane on, named as the browser host names them (engine/workers/worker-host.ts onSend:
// the sender's kind describes its message, a kind that does not is named by its frame), for
// messages.test.ts. Run: npx tsx app/lib/testdata/record-wire.ts
import { writeFileSync } from 'node:fs';
import { createCluster } from '../../../engine/cluster';
import { processKinds } from '../../../engine/kinds';
import type { WireMessage } from '../../cluster/types';

const c = await createCluster({ seed: 1, etcdMembers: 3, controlPlane: true });
// Past the apiserver's bootstrap, so that only the command talks.
await c.run(5000);
const kindOf = (id: string) => (id.startsWith('etcd-') ? 'etcd' : id.startsWith('kube-apiserver-') ? 'kube-apiserver' : id);
const wire: WireMessage[] = [];
c.sim.observe((r) => {
  const kind = processKinds.find((k) => k.name === kindOf(r.from));
  const type = kind?.describe ? kind.describe(r.msg ?? { t: r.via }) : r.via;
  if (type === null) return;
  wire.push({ from: r.from, to: r.to, type, sentAt: r.sentAt, deliverAt: r.deliverAt.length ? r.deliverAt[0] : null });
});
const out = await c.kubectl('create namespace demo');
if (out.code !== 0) throw new Error(out.stderr);
await c.run(50);
const t0 = wire[0].sentAt;
const round = (x: number) => Math.round((x - t0) * 1000) / 1000;
const rows = wire.map((m) => ({ ...m, sentAt: round(m.sentAt), deliverAt: m.deliverAt === null ? null : round(m.deliverAt) }));
writeFileSync(new URL('./create-namespace.wire.json', import.meta.url), JSON.stringify(rows, null, 0).replace(/\},\{/g, '},\n{') + '\n');
console.log(`${rows.length} messages; ${out.stdout.trim()}`);
