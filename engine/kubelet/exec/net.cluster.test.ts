// nslookup, wget and curl inside containers, end to end on the headless cluster: `kubectl exec` →
// the kubelet → the node's program (engine/kubelet/exec) → DNS datagrams to coredns and connections
// through the node's kube-proxy to a Service's pods, answered by the nginx program. The texts are
// what busybox 1.37 and 1.28, curl 7.88.1 (Debian's, in the nginx image) and nginx 1.27 print.

import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';

async function waitFor(c: Cluster, cond: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (let t = 0; t <= ms; t += 500) {
    if (await cond()) return true;
    await c.run(500);
  }
  return cond();
}

const ready = (c: Cluster, nodes: number) => () => c.inspect.apiserver()?.bootstrapped === true && c.inspect.apiserver()!.workloads.nodes.filter((x) => x.ready === 'True').length === nodes;
const defaultSA = (c: Cluster) => () => (c.inspect.apiserver()?.catalog ?? []).some((o) => o.resource === 'serviceaccounts' && o.namespace === 'default' && o.name === 'default');
const podYaml = (name: string, image: string, command: string[]) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: ${name}\n    image: ${image}\n    command: ${JSON.stringify(command)}\n`;

// nginx's default page (/usr/share/nginx/html/index.html), 615 bytes.
const welcome = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const meterHeader = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';
const meterZero = '  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0';

describe('service discovery and load balancing from inside pods', () => {
  let c: Cluster;
  let webIP = '';
  let clientIP = '';
  let webPods: string[] = [];
  beforeAll(async () => {
    c = await createCluster({ seed: 41, nodes: 2 });
    expect(await waitFor(c, ready(c, 2), 30_000)).toBe(true);
    expect(await waitFor(c, defaultSA(c), 30_000)).toBe(true);
    await c.kubectl('apply -f -', podYaml('client', 'busybox', ['sleep', '3600']));
    await c.kubectl('apply -f -', podYaml('docs', 'busybox:1.28', ['sleep', '3600']));
    await c.kubectl('apply -f -', podYaml('tools', 'registry.k8s.io/e2e-test-images/agnhost:2.52', ['/agnhost', 'pause']));
    expect((await c.kubectl('create deployment web --image=nginx --replicas=2')).code).toBe(0);
    expect((await c.kubectl('expose deployment web --port=80')).code).toBe(0);
    const phases = async () => (await c.kubectl('get pods -o jsonpath={.items[*].status.phase}')).stdout;
    expect(await waitFor(c, async () => (await phases()) === 'Running Running Running Running Running', 90_000)).toBe(true);
    // The Service's endpoints reach coredns and every node's kube-proxy.
    await c.run(3_000);
    webIP = (await c.kubectl('get service web -o jsonpath={.spec.clusterIP}')).stdout;
    clientIP = (await c.kubectl('get pod client -o jsonpath={.status.podIP}')).stdout;
    webPods = (await c.kubectl('get pods -l app=web -o jsonpath={.items[*].metadata.name}')).stdout.split(' ');
    expect(webPods).toHaveLength(2);
  }, 180_000);

  it('busybox:1.28 (the DNS debugging guide): nslookup kubernetes.default through the search list, with the PTR names', async () => {
    expect(await c.kubectl('exec docs -- nslookup kubernetes.default')).toEqual({
      code: 0,
      stdout: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n',
      stderr: '',
    });
    expect(await c.kubectl('exec docs -- nslookup web')).toMatchObject({ code: 0, stdout: expect.stringContaining(`Name:      web\nAddress 1: ${webIP} web.default.svc.cluster.local\n`) });
    expect(await c.kubectl('exec docs -- nslookup nope')).toEqual({
      code: 1,
      stdout: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n',
      stderr: "nslookup: can't resolve 'nope'\ncommand terminated with exit code 1\n",
    });
  });

  it('busybox 1.37: every question at once, each answer as it comes; a dotted name is asked as is', async () => {
    const header = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';
    const full = await c.kubectl('exec client -- nslookup kubernetes.default.svc.cluster.local');
    expect(full.code).toBe(0);
    expect(full.stdout.startsWith(header)).toBe(true);
    expect(full.stdout).toContain('Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n');

    // `kubernetes.default` has a dot: no search list, and the name alone is no cluster name.
    const dotted = await c.kubectl('exec client -- nslookup kubernetes.default');
    expect(dotted).toEqual({ code: 1, stdout: `${header}${"** server can't find kubernetes.default: SERVFAIL\n\n".repeat(2)}`, stderr: 'command terminated with exit code 1\n' });

    // A short name goes through the whole search list (A and AAAA): found in one, NXDOMAIN in the others, so exit 1.
    const short = await c.kubectl('exec client -- nslookup web');
    expect(short.code).toBe(1);
    expect(short.stdout).toContain(`Name:\tweb.default.svc.cluster.local\nAddress: ${webIP}\n\n`);
    expect(short.stdout).toContain("** server can't find web.svc.cluster.local: NXDOMAIN\n\n");

    const nope = await c.kubectl('exec client -- nslookup nope');
    expect(nope.code).toBe(1);
    expect(nope.stdout.startsWith(header)).toBe(true);
    const lines = nope.stdout.split('\n').filter((l) => l.startsWith('**'));
    expect(lines.sort()).toEqual(
      ['nope.cluster.local', 'nope.cluster.local', 'nope.default.svc.cluster.local', 'nope.default.svc.cluster.local', 'nope.svc.cluster.local', 'nope.svc.cluster.local'].map((n) => `** server can't find ${n}: NXDOMAIN`),
    );
    expect(nope.stderr).toBe('command terminated with exit code 1\n');
  });

  it("agnhost's bind-tools: BIND 9's nslookup, its search order and RA complaints", async () => {
    const noRA = ';; Got recursion not available from 10.96.0.10\n';
    expect(await c.kubectl('exec tools -- nslookup kubernetes.default')).toEqual({
      code: 0,
      stdout: `${noRA}${noRA}Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n${noRA}\n`,
      stderr: '',
    });
    expect((await c.kubectl('exec tools -- curl -s web')).stdout).toBe(welcome);
  });

  it('wget -qO- http://web returns the nginx page from the Service; its messages and errors are busybox', async () => {
    expect(await c.kubectl('exec client -- wget -qO- http://web')).toEqual({ code: 0, stdout: welcome, stderr: '' });
    const loud = await c.kubectl('exec client -- wget -O- http://web');
    expect(loud.stdout).toBe(welcome);
    expect(loud.stderr).toBe(`Connecting to web (${webIP}:80)\nwriting to stdout\n-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n`);
    expect(await c.kubectl('exec client -- wget -qO- http://nope')).toEqual({ code: 1, stdout: '', stderr: "wget: bad address 'nope'\ncommand terminated with exit code 1\n" });
    expect((await c.kubectl('exec client -- wget -qO- http://web/nope')).stderr).toBe('wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n');
    // A pod that listens on nothing: the SYN is answered with a reset.
    expect((await c.kubectl(`exec client -- wget -qO- http://${clientIP}`)).stderr).toBe(`wget: can't connect to remote host (${clientIP}): Connection refused\ncommand terminated with exit code 1\n`);
    expect((await c.kubectl('exec client -- sh -c "wget -qO- http://web.default.svc.cluster.local | grep title"')).stdout).toBe('<title>Welcome to nginx!</title>\n');
  });

  it('the Service spreads connections over its pods: nginx logs each request with the client pod address', async () => {
    const served = async () => {
      const counts: number[] = [];
      for (const p of webPods) {
        const log = (await c.kubectl(`logs ${p}`)).stdout;
        counts.push(log.split('\n').filter((l) => l.startsWith(`${clientIP} - - [`) && l.endsWith('"GET / HTTP/1.1" 200 615 "-" "Wget" "-"')).length);
      }
      return counts;
    };
    const before = await served();
    for (let i = 0; i < 10; i++) expect((await c.kubectl('exec client -- wget -q -O /dev/null http://web')).code).toBe(0);
    const added = (await served()).map((n, i) => n - before[i]);
    expect(added.reduce((a, b) => a + b)).toBe(10);
    expect(added.every((n) => n > 0)).toBe(true);
  });

  it('curl from an nginx pod: the page, the progress meter on stderr, and curl 7.88 errors and exit codes', async () => {
    const web = webPods[0];
    expect(await c.kubectl(`exec ${web} -- curl -s http://web`)).toEqual({ code: 0, stdout: welcome, stderr: '' });
    const metered = await c.kubectl(`exec ${web} -- curl web`);
    expect(metered.stdout).toBe(welcome);
    expect(metered.stderr).toMatch(new RegExp(`^${escape(meterHeader)}100   615  100   615    0     0 [ \\dk]{6}      0 --:--:-- --:--:-- --:--:-- [ \\dk]{5}\\n$`));
    expect(await c.kubectl(`exec ${web} -- curl http://nope`)).toEqual({ code: 6, stdout: '', stderr: `${meterHeader}${meterZero}curl: (6) Could not resolve host: nope\ncommand terminated with exit code 6\n` });
    const refused = await c.kubectl(`exec ${web} -- curl -sS http://${clientIP}`);
    expect(refused.code).toBe(7);
    expect(refused.stderr).toMatch(new RegExp(`^curl: \\(7\\) Failed to connect to ${escape(clientIP)} port 80 after \\d+ ms: Couldn't connect to server\\ncommand terminated with exit code 7\\n$`));
    expect(await c.kubectl(`exec ${web} -- curl -s http://nope`)).toEqual({ code: 6, stdout: '', stderr: 'command terminated with exit code 6\n' });
    expect((await c.kubectl(`exec ${web} -- curl -sSf http://web/nope`)).stderr).toBe('curl: (22) The requested URL returned error: 404\ncommand terminated with exit code 22\n');
    // An address nothing routes to: the SYN leaves by the default route and is never answered.
    const hung = await c.kubectl(`exec ${web} -- curl -sS --connect-timeout 2 http://192.0.2.10`);
    expect(hung.code).toBe(28);
    expect(hung.stderr).toMatch(/^curl: \(28\) Connection timed out after 20\d\d milliseconds\n/);
    const head = await c.kubectl(`exec ${web} -- curl -sI http://web`);
    expect(head.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.4\r\nDate: Thu, 01 Jan 2026 \d\d:\d\d:\d\d GMT\r\nContent-Type: text\/html\r\nContent-Length: 615\r\n/);
    expect((await c.kubectl(`exec ${web} -- curl -s -o /dev/null -w "%{http_code} %{remote_ip}" http://web`)).stdout).toBe(`200 ${webIP}\n`);
    expect((await c.kubectl(`exec ${web} -- curl --nope`)).stderr).toBe("curl: option --nope: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\ncommand terminated with exit code 2\n");
  });

  it('an image without the program: the runtime cannot exec it', async () => {
    const oci = (exe: string) => new RegExp(`^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${exe}": executable file not found in \\$PATH: unknown\\n$`);
    const curl = await c.kubectl('exec client -- curl http://web');
    expect(curl.code).toBe(1);
    expect(curl.stderr).toMatch(oci('curl'));
    expect((await c.kubectl(`exec ${webPods[0]} -- nslookup web`)).stderr).toMatch(oci('nslookup'));
    // Through a shell, the shell says so.
    expect(await c.kubectl(`exec ${webPods[0]} -- sh -c "nslookup web"`)).toMatchObject({ code: 127 });
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
