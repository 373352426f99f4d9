// The /etc files of a pod: ported from pkg/kubelet/kubelet_pods_test.go TestManagedHostsFileContent
// and pkg/kubelet/network/dns/dns_test.go TestGetPodDNS / TestGetPodDNSCustom; the resolv.conf text
// is containerd's parseDNSOptions.

import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { FileSystem } from '../programs/fs';
import { hostsFile, managedEtcMount, podDNS, resolvConf, type DNSConfigurer } from './etc';

const pod = (spec: Pod['spec'] = { containers: [] }, name = 'podFoo', namespace = 'testNS'): Pod => ({ metadata: { name, namespace }, spec });

const header = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';

describe('hostsFile', () => {
  it('names the pod by its hostname, with its subdomain when it has one, then the host aliases', () => {
    expect(hostsFile(pod(), ['123.45.67.89'])).toBe(`${header}123.45.67.89\tpodFoo\n`);
    expect(hostsFile(pod({ containers: [], hostname: 'podFoo', subdomain: 'domainFoo' }, 'x'), ['203.0.113.1'])).toBe(`${header}203.0.113.1\tpodFoo.domainFoo.testNS.svc.cluster.local\tpodFoo\n`);
    const aliased = pod({ containers: [], hostAliases: [{ ip: '123.45.67.89', hostnames: ['foo', 'bar', 'baz'] }, { ip: '456.78.90.123', hostnames: ['park', 'doo', 'boo'] }] });
    expect(hostsFile(aliased, ['203.0.113.1'])).toBe(`${header}203.0.113.1\tpodFoo\n\n# Entries added by HostAliases.\n123.45.67.89\tfoo\tbar\tbaz\n456.78.90.123\tpark\tdoo\tboo\n`);
  });
});

describe('podDNS', () => {
  const c: DNSConfigurer = { clusterDNS: ['10.0.0.10'], clusterDomain: 'kubernetes.io', host: { servers: ['8.8.8.8'], searches: ['host.domain'], options: [] } };
  const ndots3 = { name: 'ndots', value: '3' };

  it('ClusterFirst: the cluster DNS, the namespace search path before the host one, ndots:5', () => {
    expect(podDNS(pod(), c)).toEqual({ servers: ['10.0.0.10'], searches: ['testNS.svc.kubernetes.io', 'svc.kubernetes.io', 'kubernetes.io', 'host.domain'], options: ['ndots:5'] });
  });

  it('ClusterFirst on the host network falls back to the node; ClusterFirstWithHostNet does not', () => {
    expect(podDNS(pod({ containers: [], hostNetwork: true }), c)).toEqual({ servers: ['8.8.8.8'], searches: ['host.domain'], options: [] });
    expect(podDNS(pod({ containers: [], hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), c).servers).toEqual(['10.0.0.10']);
  });

  it('merges dnsConfig: DNSClusterFirst, DNSNone and DNSDefault with dnsConfig', () => {
    const dnsConfig = { nameservers: ['10.0.0.11'], searches: ['my.domain'], options: [ndots3, { name: 'debug' }] };
    expect(podDNS(pod({ containers: [], dnsConfig }), c)).toEqual({ servers: ['10.0.0.10', '10.0.0.11'], searches: ['testNS.svc.kubernetes.io', 'svc.kubernetes.io', 'kubernetes.io', 'host.domain', 'my.domain'], options: ['ndots:3', 'debug'] });
    expect(podDNS(pod({ containers: [], dnsPolicy: 'None', dnsConfig: { nameservers: ['203.0.113.1'], searches: ['my.domain', 'second.domain'], options: [ndots3, { name: 'debug' }] } }), c)).toEqual({ servers: ['203.0.113.1'], searches: ['my.domain', 'second.domain'], options: ['ndots:3', 'debug'] });
    expect(podDNS(pod({ containers: [], dnsPolicy: 'Default', dnsConfig }), c)).toEqual({ servers: ['8.8.8.8', '10.0.0.11'], searches: ['host.domain', 'my.domain'], options: ['ndots:3', 'debug'] });
  });

  it('writes resolv.conf as containerd does, and this cluster points pods at kube-dns', () => {
    expect(resolvConf({ servers: ['10.96.0.10', '10.96.0.11'], searches: ['a', 'b'], options: ['ndots:5'] })).toBe('search a b\nnameserver 10.96.0.10\nnameserver 10.96.0.11\noptions ndots:5\n');
    expect(resolvConf(podDNS(pod({ containers: [] }, 'web', 'default')))).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });
});

describe('managedEtcMount', () => {
  it('gives a container /etc/hosts, /etc/resolv.conf and /etc/hostname as files', () => {
    const p = pod({ containers: [] }, 'web', 'default');
    // As the runtime mounts a CRI mount (runtime-service.ts createContainer).
    const etc = managedEtcMount(p, '10.244.1.5', 'node-1');
    const fs = new FileSystem([{ mountPath: etc.containerPath, store: etc.store, readOnly: etc.readonly }]);
    expect(fs.read('/etc/hostname')).toEqual({ text: 'web\n' });
    expect(fs.read('/etc/hosts')).toEqual({ text: `${header}10.244.1.5\tweb\n` });
    expect(fs.list('/etc')).toEqual(['hostname', 'hosts', 'resolv.conf']);
    expect(fs.read('/etc/resolv.conf')).toEqual({ text: 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n' });
    expect(fs.read('/etc/motd')).toEqual({ error: 'ENOENT' });
  });
});
