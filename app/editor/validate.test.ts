import { describe, expect, it } from 'vitest';
import { toDiagnostic } from './diagnostics';
import { validateManifests } from './validate';
import { parseManifests } from './yaml-doc';

function problems(text: string) {
  const parsed = parseManifests(text);
  return validateManifests(parsed).map((p) => {
    const d = toDiagnostic(parsed, p, 'schema');
    return `${d.startLine}:${d.startColumn}-${d.endColumn} ${d.severity} ${d.message}`;
  });
}

const deploy = (spec: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n${spec}`;
const good = deploy(`  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        resources:
          limits:
            cpu: 1
            memory: 128Mi
        ports:
        - containerPort: 80
`);

describe('validateManifests', () => {
  it('finds nothing wrong with a good Deployment (a quantity may be a number)', () => {
    expect(problems(good)).toEqual([]);
  });

  it('reports an unknown field on its key, as kube-openapi words it', () => {
    expect(problems(good.replace('replicas:', 'replicaz:'))).toEqual([
      '6:3-11 error ValidationError(Deployment.spec): unknown field "replicaz" in io.k8s.api.apps.v1.DeploymentSpec',
    ]);
  });

  it('reports a wrong type on the value', () => {
    expect(problems(good.replace('replicas: 2', 'replicas: two'))).toEqual([
      '6:13-16 error ValidationError(Deployment.spec.replicas): invalid type for io.k8s.api.apps.v1.DeploymentSpec.replicas: got "string", expected "integer"',
    ]);
    // go-yaml v2 reads `yes` as a boolean, and an env value must be a string.
    const env = good.replace('        image: nginx\n', '        image: nginx\n        env:\n        - name: A\n          value: yes\n');
    expect(problems(env)).toEqual([
      '20:18-21 error ValidationError(Deployment.spec.template.spec.containers[0].env[0].value): invalid type for io.k8s.api.core.v1.EnvVar.value: got "boolean", expected "string"',
    ]);
    expect(problems(good.replace('      containers:\n', '      containers: nginx\n      x:\n'))[0]).toMatch(/got "string", expected "array"/);
  });

  it('reports a missing required field where its object starts', () => {
    expect(problems(good.replace('      - name: web\n        image: nginx\n', '      - image: nginx\n'))).toEqual([
      '16:9-21 warning ValidationError(Deployment.spec.template.spec.containers[0]): missing required field "name" in io.k8s.api.core.v1.Container',
    ]);
  });

  it('warns of a value outside a closed enum with the API\'s words', () => {
    expect(problems(deploy('  template: {}\n  strategy:\n    type: Blue\n'))).toEqual([
      '8:11-15 warning spec.strategy.type: Unsupported value: "Blue": supported values: "Recreate", "RollingUpdate"',
    ]);
  });

  it('reports apiVersion and kind as kubectl does', () => {
    expect(problems('metadata:\n  name: x\n')).toEqual(['1:1-10 error error validating data: [apiVersion not set, kind not set]']);
    expect(problems('apiVersion: v1\nkind: Deploymnet\nmetadata:\n  name: x\n')).toEqual(['2:7-17 error no matches for kind "Deploymnet" in version "v1"']);
    expect(problems('just a string\n')).toEqual(['1:1-14 error json: cannot unmarshal string into Go value of type map[string]interface {}']);
  });

  it('checks every document and skips empty ones', () => {
    const text = `${good}---\n# nothing\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  portz: []\n`;
    expect(problems(text)).toEqual(['32:3-8 error ValidationError(Service.spec): unknown field "portz" in io.k8s.api.core.v1.ServiceSpec']);
  });

  it('reports only the YAML syntax errors while the text does not parse', () => {
    const got = problems(good.replace('  replicas: 2', '  replicas: [2'));
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((g) => g.includes('error yaml: '))).toBe(true);
  });
});
