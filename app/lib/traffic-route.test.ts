import { describe, expect, it } from 'vitest';
import type { PodSummary, ServiceSummary } from '../../engine/apiserver/workload-view';
import { trafficRoute } from './traffic-route';
import { serviceCardId } from './workload-layout';

const ep = (ip: string, node: string, pod: string) => ({ ip, ports: ['80/TCP'], ready: true, serving: true, terminating: false, pod: `default/${pod}`, node });
const web: ServiceSummary = { namespace: 'default', name: 'web', type: 'ClusterIP', clusterIP: '10.96.4.7', ports: ['80/TCP'], selector: { app: 'web' }, externalName: '', endpoints: [ep('10.244.1.2', 'node-1', 'web-a'), ep('10.244.2.2', 'node-2', 'web-c'), ep('10.244.2.3', 'node-2', 'web-b')] };
const pod = (name: string, node: string, podIP: string): PodSummary => ({ namespace: 'default', name, uid: name, node, status: 'Running', phase: 'Running', ready: true, restarts: 0, podIP, owner: '', deleting: false, labels: {} });

describe('the route a traffic batch takes on the canvas', () => {
  it('goes from the client node to the Service, then to each pod that answered, on its node', () => {
    const r = trafficRoute('node-3', '10.96.4.7:80', { failed: 2, byEndpoint: { '10.244.2.2:80': 4, '10.244.1.2:80': 3, '10.244.2.3:80': 5, '10.244.2.3:8080': 1 } }, [web], []);
    expect(r).toEqual({
      from: 'node-3',
      service: serviceCardId('default', 'web'),
      hits: [
        { to: 'node-1', pod: 'default/web-a', count: 3 },
        { to: 'node-2', pod: 'default/web-b', count: 6 },
        { to: 'node-2', pod: 'default/web-c', count: 4 },
      ],
      failed: 2,
    });
  });

  it('finds a pod no longer among the endpoints by its IP', () => {
    const r = trafficRoute('node-1', '10.96.4.7:80', { failed: 0, byEndpoint: { '10.244.3.4:80': 2 } }, [web], [pod('web-gone', 'node-3', '10.244.3.4')]);
    expect(r?.hits).toEqual([{ to: 'node-3', pod: 'default/web-gone', count: 2 }]);
  });

  it('starts at the node of a client pod; an address that is no Service draws nothing', () => {
    const pods = [pod('client', 'node-2', '10.244.2.9')];
    expect(trafficRoute('default/client', '10.96.4.7:80', { failed: 0, byEndpoint: {} }, [web], pods)?.from).toBe('node-2');
    expect(trafficRoute('node-1', '10.244.2.2:80', { failed: 0, byEndpoint: { '10.244.2.2:80': 1 } }, [web], pods)).toBeNull();
    expect(trafficRoute('default/gone', '10.96.4.7:80', { failed: 0, byEndpoint: {} }, [web], pods)).toBeNull();
  });

  it('draws HTTP through an Ingress via the controller NodePort Service, on to the backend pods', () => {
    const controller: ServiceSummary = { namespace: 'ingress-nginx', name: 'ingress-nginx-controller', type: 'NodePort', clusterIP: '10.96.9.9', ports: ['80:30921/TCP', '443:31443/TCP'], selector: {}, externalName: '', endpoints: [] };
    const r = trafficRoute('node-1', '10.0.1.2:30921', { failed: 0, byEndpoint: { '10.244.2.2:80': 5 } }, [web, controller], []);
    expect(r).toEqual({ from: 'node-1', service: serviceCardId('ingress-nginx', 'ingress-nginx-controller'), hits: [], failed: 0 });
    const pods = [pod('web-c', 'node-2', '10.244.2.2')];
    expect(trafficRoute('node-1', '10.0.1.2:30921', { failed: 0, byEndpoint: { '10.244.2.2:80': 5 } }, [web, controller], pods)?.hits).toEqual([{ to: 'node-2', pod: 'default/web-c', count: 5 }]);
    expect(trafficRoute('node-1', '10.0.1.2:30999', { failed: 0, byEndpoint: {} }, [web, controller], pods)).toBeNull();
  });
});
