// The older `kubectl create` generators (namespace, deployment, configmap, secret generic, service
// clusterip, quota, job), run twice: once by the real kubectl v1.32.4 (record-create-generators.ts
// writes what it printed to create-generators.json) and once by Kubeplay's kubectl in
// create-generators.test.ts, which must print the same. Every line is --dry-run=client or refused
// before anything is sent: the real kubectl's typed clients POST protobuf, which the recorder's
// apiserver does not read for these kinds, so a server's error (wrapped as each generator wraps it)
// is not recorded here.

/** The steps, in order. */
export const generatorsScenario: { line: string }[] = [
  // --dry-run: GetDryRunStrategy refuses a bogus value, before the generator's own checks
  { line: 'create namespace ns1 --dry-run=bogus' },
  { line: 'create deployment web --image=nginx --dry-run=bogus' },
  { line: 'create configmap cfg --dry-run=bogus' },
  { line: 'create secret generic s1 --dry-run=bogus' },
  { line: 'create service clusterip web --tcp=80:8080 --dry-run=bogus' },
  { line: 'create quota q --hard=pods=3 --dry-run=bogus' },
  { line: 'create job j --image=busybox --dry-run=bogus' },
  // -n in metadata.namespace (EnforceNamespace), --save-config's annotation
  { line: 'create namespace ns1 --save-config --dry-run=client -o yaml' },
  { line: 'create deployment web --image=nginx:1.25 -n team --dry-run=client -o yaml' },
  { line: 'create deployment web --image=nginx:1.25 --port=80 -n team --save-config --dry-run=client -o yaml' },
  { line: 'create configmap cfg --from-literal=b=2 --from-literal=a=1 -n team --save-config --dry-run=client -o yaml' },
  { line: 'create secret generic s1 --from-literal=user=admin -n team --dry-run=client -o yaml' },
  { line: 'create secret generic s1 --from-literal=user=admin --type=Opaque --save-config --dry-run=client -o yaml' },
  { line: 'create service clusterip web --tcp=80:8080 -n team --dry-run=client -o yaml' },
  // create_service.go never reads --save-config
  { line: 'create service clusterip web --tcp=80:8080 --save-config --dry-run=client -o yaml' },
  { line: 'create quota q --hard=pods=3 -n team --save-config --dry-run=client -o yaml' },
  { line: 'create job j --image=busybox -n team --dry-run=client -o yaml' },
  { line: 'create job j --image=busybox --save-config --dry-run=client -o yaml -- sleep 5' },
  // -o json: the Go struct's field order
  { line: 'create namespace ns1 --dry-run=client -o json' },
  { line: 'create deployment web --image=nginx:1.25 --port=80 -n team --save-config --dry-run=client -o json' },
  { line: 'create configmap cfg --from-literal=b=2 --from-literal=a=1 -n team --save-config --dry-run=client -o json' },
  { line: 'create secret generic s1 --from-literal=user=admin --type=Opaque -n team --dry-run=client -o json' },
  { line: 'create service clusterip web --tcp=80:8080 --tcp=443 --clusterip=None -n team --dry-run=client -o json' },
  { line: 'create quota q --hard=pods=3 --scopes=BestEffort -n team --save-config --dry-run=client -o json' },
  { line: 'create job j --image=busybox -n team --save-config --dry-run=client -o json -- sleep 5' },
];
