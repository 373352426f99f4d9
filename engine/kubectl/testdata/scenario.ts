// One kubectl session, run twice: once by the real kubectl v1.32.4 against Kubeplay's apiserver
// served over HTTP (scripts/record-kubectl.ts writes what it printed to real-kubectl.json), and once
// by Kubeplay's kubectl in the test (kubectl.test.ts), which must print the same. Setup commands
// run through Kubeplay's kubectl in both runs, so the cluster is in the same state before each step;
// what cannot be equal between two runs (uids, resourceVersions, timestamps, ages) is normalised.

/** The steps: `setup` is run but not compared; `stdin` feeds `-f -`. */
export const scenario: { line: string; stdin?: string; setup?: boolean }[] = [
  { line: 'create namespace team', setup: true },
  { line: 'create deployment web --image=nginx:1.25 --replicas=3', setup: true },
  { line: 'create configmap cfg --from-literal=a=1 --from-literal=b=two', setup: true },
  { line: 'create service clusterip web --tcp=80:8080', setup: true },
  { line: 'get ns' },
  { line: 'get deploy' },
  { line: 'get deploy -o wide' },
  { line: 'get deployments.apps web -o name' },
  { line: 'get deploy web -o jsonpath={.spec.replicas}' },
  { line: 'get deploy web -o yaml' },
  { line: 'get cm cfg -o json' },
  { line: 'get cm -o custom-columns=NAME:.metadata.name,A:.data.a' },
  { line: 'get svc' },
  { line: 'get svc -A' },
  { line: 'get pods' },
  { line: 'get pods -n team' },
  { line: 'get nope' },
  { line: 'get deploy nope' },
  { line: 'get deploy web nope' },
  { line: 'delete cm nope' },
  { line: 'get all' },
  { line: 'scale deploy web --replicas=2' },
  { line: 'label deploy web tier=fe' },
  { line: 'label deploy web tier=be' },
  { line: 'get deploy --show-labels' },
  { line: 'annotate cm cfg note=hello' },
  { line: 'api-resources' },
  { line: 'api-versions' },
  { line: 'apply --validate=false -f -', stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  k: v1\n' },
  { line: 'apply --validate=false -f -', stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  k: v1\n' },
  { line: 'apply --validate=false -f -', stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  k: v2\n' },
  { line: 'get cm applied -o yaml' },
  { line: 'create --validate=false -f -', stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n' },
  { line: 'delete cm applied' },
  { line: `patch deploy web -p '{"spec":{"replicas":5}}'` },
  { line: `patch deploy web --type=merge -p '{"spec":{"paused":true}}'` },
  { line: `patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":4}]'` },
  { line: `patch deploy web --type=json -p '[{"op":"test","path":"/spec/replicas","value":9}]'` },
  { line: `get deploy web -o 'jsonpath={.spec.replicas}{" "}{.spec.paused}'` },
  { line: 'get deploy web -o jsonpath={.metadata.nope}' },
  { line: 'delete deploy web' },
  { line: 'get deploy' },
];

/** What two runs cannot share, made equal: uids, resourceVersions, timestamps, ages, the server URL. */
export function normalise(s: string): string {
  return s
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
    .replace(/("?resourceVersion"?: ?)"\d+"/g, '$1"<rv>"')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>')
    .replace(/(\s)\d+(s|m\d*s?)(\s|$)/gm, '$1<age>$3')
    .replace(/10\.(9[6-9]|1[01][0-9])\.\d+\.\d+/g, '<ip>');
}
