// A loopback stand-in for kube-apiserver, just enough for the real kubectl (v1.32.4 at
// /usr/bin/kubectl) to run `kubectl apply` against it: legacy discovery for a few kinds, GET of
// the objects a case seeds, and every POST/PATCH recorded and answered with the object. Used by
// record-kubectl.mjs to capture the exact requests kubectl sends. Not a test, not shipped.
import { createServer } from 'node:http';

const groups = {
  v1: [
    ['pods', 'Pod', true],
    ['configmaps', 'ConfigMap', true],
    ['services', 'Service', true],
    ['nodes', 'Node', false],
    ['secrets', 'Secret', true],
  ],
  'apps/v1': [
    ['deployments', 'Deployment', true],
    ['daemonsets', 'DaemonSet', true],
  ],
  'policy/v1': [['poddisruptionbudgets', 'PodDisruptionBudget', true]],
  'example.com/v1': [['widgets', 'Widget', true]],
};

function resourceList(gv) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: groups[gv].map(([name, kind, namespaced]) => ({ name, singularName: kind.toLowerCase(), namespaced, kind, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] })),
  };
}

/** Starts the server; `objects` maps a REST path to the live object. Resolves { port, requests, close }. */
export function startFakeApiserver(objects) {
  const requests = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      const send = (code, obj) => {
        res.writeHead(code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      const p = url.pathname;
      if (req.method === 'GET' && p === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
      if (req.method === 'GET' && p === '/apis') {
        const gs = Object.keys(groups).filter((g) => g.includes('/')).map((gv) => {
          const [name, version] = gv.split('/');
          return { name, versions: [{ groupVersion: gv, version }], preferredVersion: { groupVersion: gv, version } };
        });
        return send(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: gs });
      }
      if (req.method === 'GET' && p === '/api/v1') return send(200, resourceList('v1'));
      const gm = p.match(/^\/apis\/([^/]+\/[^/]+)$/);
      if (req.method === 'GET' && gm && groups[gm[1]]) return send(200, resourceList(gm[1]));
      if (req.method === 'GET') {
        if (objects[p]) return send(200, objects[p]);
        return send(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not found', reason: 'NotFound', code: 404 });
      }
      requests.push({ method: req.method, path: p, query: url.search, contentType: req.headers['content-type'], body });
      if (req.method === 'POST') return send(201, JSON.parse(body));
      if (req.method === 'PATCH') return send(200, objects[p]);
      return send(405, {});
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ port: server.address().port, requests, close: () => new Promise((r) => server.close(r)) }));
  });
}
