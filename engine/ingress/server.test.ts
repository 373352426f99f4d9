// The ingress-nginx addon's objects and nginx's error pages, as the controller answers with them.

import { describe, expect, it } from 'vitest';
import { ingressNginxAddonObjects } from './addon';
import { nginxErrorPage } from './server';

describe('ingress-nginx addon', () => {
  it('has the bare-metal manifest\'s objects: namespace first, a NodePort Service, the nginx IngressClass', () => {
    const objs = ingressNginxAddonObjects();
    expect(objs[0].obj).toMatchObject({ kind: 'Namespace', metadata: { name: 'ingress-nginx' } });
    expect(objs.map((o) => `${o.obj.kind}/${o.obj.metadata.name}`)).toEqual([
      'Namespace/ingress-nginx',
      'ServiceAccount/ingress-nginx',
      'ClusterRole/ingress-nginx',
      'ClusterRoleBinding/ingress-nginx',
      'ConfigMap/ingress-nginx-controller',
      'Service/ingress-nginx-controller',
      'Deployment/ingress-nginx-controller',
      'IngressClass/nginx',
    ]);
    const svc = objs.find((o) => o.obj.kind === 'Service')!.obj as unknown as { spec: { type: string; ports: { name: string; targetPort: string }[] } };
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports.map((p) => [p.name, p.targetPort])).toEqual([['http', 'http'], ['https', 'https']]);
    const cls = objs.find((o) => o.obj.kind === 'IngressClass')!.obj;
    expect(cls).toMatchObject({ spec: { controller: 'k8s.io/ingress-nginx' } });
    // Not the default class unless someone annotates it, as the manifest ships it.
    expect(cls.metadata.annotations).toBeUndefined();
  });
});

describe('nginx error pages', () => {
  it('404 and 503 as ingress-nginx\'s default backend and an upstream with no endpoints answer', () => {
    expect(nginxErrorPage(404)).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n');
    expect(nginxErrorPage(503)).toContain('<title>503 Service Temporarily Unavailable</title>');
    expect(nginxErrorPage(504)).toContain('<h1>504 Gateway Time-out</h1>');
  });
});
