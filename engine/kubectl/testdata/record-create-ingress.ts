// Records what the real kubectl prints for create-ingress-scenario.ts into create-ingress.json,
// as scripts/record-kubectl.ts does for the main scenario: a headless cluster whose apiserver is
// served over HTTP on 127.0.0.1 (every request goes through Cluster.api), `setup` lines run through
// Kubeplay's kubectl, the others through `kubectl --server=… --token=…` with no kubeconfig. The
// --dry-run=client lines send nothing to the server. kubectl's typed client POSTs the Ingress as
// protobuf (client-go's UseProtobufAsDefault), which Kubeplay's apiserver does not read: this server
// turns that body into the JSON kubectl would have sent (ingressFromProtobuf below) and asks for JSON
// back, which kubectl accepts ("application/vnd.kubernetes.protobuf,application/json").
// Run: npx tsx engine/kubectl/testdata/record-create-ingress.ts [/path/to/kubectl]   (needs kubectl v1.32.4)

import { writeFileSync } from 'node:fs';
import { createCluster } from '../../cluster';
import { ingressScenario } from './create-ingress-scenario';
import { runRealKubectl, serveApiserver, type RecordedRun } from './recorder';
import { scenarioOptions } from './scenario';

const kubectl = process.argv[2] ?? 'kubectl';

/** Protobuf wire fields: number → values (varints as bigint, length-delimited as bytes). */
function fields(b: Uint8Array): Map<number, (bigint | Uint8Array)[]> {
  const out = new Map<number, (bigint | Uint8Array)[]>();
  let i = 0;
  const varint = (): bigint => {
    let v = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = b[i++];
      v |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return v;
    }
  };
  while (i < b.length) {
    const key = Number(varint());
    const [no, wire] = [key >> 3, key & 7];
    let value: bigint | Uint8Array;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const n = Number(varint());
      value = b.subarray(i, i + n);
      i += n;
    } else throw new Error(`protobuf wire type ${wire} (field ${no}) is not expected in an Ingress`);
    out.set(no, [...(out.get(no) ?? []), value]);
  }
  return out;
}

/**
 * The JSON of the networking.k8s.io/v1 Ingress in a `k8s\0` protobuf envelope (runtime.Unknown),
 * read with the field numbers of k8s.io/api/networking/v1/generated.proto and meta/v1's ObjectMeta,
 * empty fields dropped as their JSON tags' omitempty drops them. Only what create ingress sends.
 */
function ingressFromProtobuf(body: Uint8Array): string {
  if (String.fromCharCode(...body.subarray(0, 4)) !== 'k8s\0') throw new Error('not a Kubernetes protobuf envelope');
  const dec = new TextDecoder();
  // gogo-protobuf writes every non-pointer field, empty or not: the others must be empty.
  const known = (m: Map<number, (bigint | Uint8Array)[]>, nos: number[], what: string) => {
    for (const [no, vs] of m) {
      if (nos.includes(no)) continue;
      const empty = vs.every((v) => v === 0n || (v instanceof Uint8Array && (v.length === 0 || (no === 8 && what === 'ObjectMeta'))));
      if (!empty) throw new Error(`unexpected field ${no} in ${what}`);
    }
  };
  const str = (m: Map<number, (bigint | Uint8Array)[]>, no: number): string | undefined => {
    const v = m.get(no)?.[0];
    return v instanceof Uint8Array ? dec.decode(v) : undefined;
  };
  const msgs = (m: Map<number, (bigint | Uint8Array)[]>, no: number) => (m.get(no) ?? []).map((v) => fields(v as Uint8Array));
  const msg = (m: Map<number, (bigint | Uint8Array)[]>, no: number) => msgs(m, no)[0];
  const nonEmpty = (k: string, v: string | undefined) => (v ? { [k]: v } : {});
  const backend = (m: Map<number, (bigint | Uint8Array)[]>) => {
    known(m, [4], 'IngressBackend');
    const svc = msg(m, 4);
    known(svc, [1, 2], 'IngressServiceBackend');
    const port = msg(svc, 2) ?? new Map();
    known(port, [1, 2], 'ServiceBackendPort');
    const number = port.get(2)?.[0] as bigint | undefined;
    const n = number === undefined ? 0 : Number(BigInt.asIntN(32, number));
    return { service: { name: str(svc, 1) ?? '', port: { ...nonEmpty('name', str(port, 1)), ...(n ? { number: n } : {}) } } };
  };
  const unknown = fields(body.subarray(4));
  const ing = fields(unknown.get(2)![0] as Uint8Array);
  known(ing, [1, 2, 3], 'Ingress');
  const meta = msg(ing, 1);
  known(meta, [1, 2, 3, 12], 'ObjectMeta');
  const annotations = Object.fromEntries(msgs(meta, 12).map((e) => [str(e, 1) ?? '', str(e, 2) ?? '']));
  const spec = msg(ing, 2);
  known(spec, [1, 2, 3, 4], 'IngressSpec');
  const tls = msgs(spec, 2).map((t) => {
    known(t, [1, 2], 'IngressTLS');
    const hosts = (t.get(1) ?? []).map((h) => dec.decode(h as Uint8Array));
    return { ...(hosts.length ? { hosts } : {}), ...nonEmpty('secretName', str(t, 2)) };
  });
  const rules = msgs(spec, 3).map((r) => {
    known(r, [1, 2], 'IngressRule');
    const http = msg(msg(r, 2), 1);
    known(http, [1], 'HTTPIngressRuleValue');
    const paths = msgs(http, 1).map((p) => {
      known(p, [1, 2, 3], 'HTTPIngressPath');
      return { ...nonEmpty('path', str(p, 1)), pathType: str(p, 3), backend: backend(msg(p, 2)) };
    });
    return { ...nonEmpty('host', str(r, 1)), http: { paths } };
  });
  const defaultBackend = msg(spec, 1);
  return JSON.stringify({
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: { ...nonEmpty('name', str(meta, 1)), ...nonEmpty('generateName', str(meta, 2)), ...nonEmpty('namespace', str(meta, 3)), creationTimestamp: null, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      ...(spec.has(4) ? { ingressClassName: str(spec, 4) } : {}),
      ...(defaultBackend ? { defaultBackend: backend(defaultBackend) } : {}),
      ...(tls.length ? { tls } : {}),
      ...(rules.length ? { rules } : {}),
    },
    status: { loadBalancer: {} },
  });
}

async function main(): Promise<void> {
  const c = await createCluster(scenarioOptions);
  await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
  const server = await serveApiserver(c, (type, body) => (type === 'application/vnd.kubernetes.protobuf' ? ingressFromProtobuf(body) : null));
  const out: RecordedRun[] = [];
  for (const step of ingressScenario) {
    if (step.setup) {
      await c.kubectl(step.line);
      continue;
    }
    const r = await runRealKubectl(kubectl, server.url, step.line);
    // A panic's goroutine stack has addresses that change from run to run: keep its first lines.
    if (step.panic) r.stderr = r.stderr.split('\n').slice(0, 3).join('\n') + '\n';
    out.push(r);
  }
  server.close();
  writeFileSync(new URL('./create-ingress.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
