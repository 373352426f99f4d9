// Ported from pkg/kubelet/envvars/envvars_test.go TestFromServices and the getServiceEnvVarMap cases
// of pkg/kubelet/kubelet_pods_test.go (master services always; the namespace's only with enableServiceLinks).

import { describe, expect, it } from 'vitest';
import type { Service, ServicePort } from '../api/types';
import { fromServices, serviceEnvSource, serviceEnvVarMap } from './envvars';
import { Store } from '../client/store';

const svc = (name: string, clusterIP: string, ports: ServicePort[], namespace = 'test'): Service => ({ metadata: { name, namespace }, spec: { selector: { bar: 'baz' }, clusterIP, ports } });

describe('fromServices', () => {
  it('names host, port, named ports and the Docker link variables, skipping services without a cluster IP', () => {
    const vars = fromServices([
      svc('foo-bar', '1.2.3.4', [{ port: 8080, protocol: 'TCP' }]),
      svc('abc-123', '5.6.7.8', [
        { name: 'u-d-p', port: 8081, protocol: 'UDP' },
        { name: 't-c-p', port: 8081, protocol: 'TCP' },
      ]),
      svc('q-u-u-x', '9.8.7.6', [
        { port: 8082, protocol: 'TCP' },
        { name: '8083', port: 8083, protocol: 'TCP' },
      ]),
      svc('svrc-clusterip-none', 'None', [{ port: 8082, protocol: 'TCP' }]),
      svc('svrc-clusterip-empty', '', [{ port: 8082, protocol: 'TCP' }]),
      svc('super-ipv6', '2001:DB8::', [
        { name: 'u-d-p', port: 8084, protocol: 'UDP' },
        { name: 't-c-p', port: 8084, protocol: 'TCP' },
      ]),
    ]);
    expect(vars).toEqual([
      ['FOO_BAR_SERVICE_HOST', '1.2.3.4'],
      ['FOO_BAR_SERVICE_PORT', '8080'],
      ['FOO_BAR_PORT', 'tcp://1.2.3.4:8080'],
      ['FOO_BAR_PORT_8080_TCP', 'tcp://1.2.3.4:8080'],
      ['FOO_BAR_PORT_8080_TCP_PROTO', 'tcp'],
      ['FOO_BAR_PORT_8080_TCP_PORT', '8080'],
      ['FOO_BAR_PORT_8080_TCP_ADDR', '1.2.3.4'],
      ['ABC_123_SERVICE_HOST', '5.6.7.8'],
      ['ABC_123_SERVICE_PORT', '8081'],
      ['ABC_123_SERVICE_PORT_U_D_P', '8081'],
      ['ABC_123_SERVICE_PORT_T_C_P', '8081'],
      ['ABC_123_PORT', 'udp://5.6.7.8:8081'],
      ['ABC_123_PORT_8081_UDP', 'udp://5.6.7.8:8081'],
      ['ABC_123_PORT_8081_UDP_PROTO', 'udp'],
      ['ABC_123_PORT_8081_UDP_PORT', '8081'],
      ['ABC_123_PORT_8081_UDP_ADDR', '5.6.7.8'],
      ['ABC_123_PORT_8081_TCP', 'tcp://5.6.7.8:8081'],
      ['ABC_123_PORT_8081_TCP_PROTO', 'tcp'],
      ['ABC_123_PORT_8081_TCP_PORT', '8081'],
      ['ABC_123_PORT_8081_TCP_ADDR', '5.6.7.8'],
      ['Q_U_U_X_SERVICE_HOST', '9.8.7.6'],
      ['Q_U_U_X_SERVICE_PORT', '8082'],
      ['Q_U_U_X_SERVICE_PORT_8083', '8083'],
      ['Q_U_U_X_PORT', 'tcp://9.8.7.6:8082'],
      ['Q_U_U_X_PORT_8082_TCP', 'tcp://9.8.7.6:8082'],
      ['Q_U_U_X_PORT_8082_TCP_PROTO', 'tcp'],
      ['Q_U_U_X_PORT_8082_TCP_PORT', '8082'],
      ['Q_U_U_X_PORT_8082_TCP_ADDR', '9.8.7.6'],
      ['Q_U_U_X_PORT_8083_TCP', 'tcp://9.8.7.6:8083'],
      ['Q_U_U_X_PORT_8083_TCP_PROTO', 'tcp'],
      ['Q_U_U_X_PORT_8083_TCP_PORT', '8083'],
      ['Q_U_U_X_PORT_8083_TCP_ADDR', '9.8.7.6'],
      ['SUPER_IPV6_SERVICE_HOST', '2001:DB8::'],
      ['SUPER_IPV6_SERVICE_PORT', '8084'],
      ['SUPER_IPV6_SERVICE_PORT_U_D_P', '8084'],
      ['SUPER_IPV6_SERVICE_PORT_T_C_P', '8084'],
      ['SUPER_IPV6_PORT', 'udp://[2001:DB8::]:8084'],
      ['SUPER_IPV6_PORT_8084_UDP', 'udp://[2001:DB8::]:8084'],
      ['SUPER_IPV6_PORT_8084_UDP_PROTO', 'udp'],
      ['SUPER_IPV6_PORT_8084_UDP_PORT', '8084'],
      ['SUPER_IPV6_PORT_8084_UDP_ADDR', '2001:DB8::'],
      ['SUPER_IPV6_PORT_8084_TCP', 'tcp://[2001:DB8::]:8084'],
      ['SUPER_IPV6_PORT_8084_TCP_PROTO', 'tcp'],
      ['SUPER_IPV6_PORT_8084_TCP_PORT', '8084'],
      ['SUPER_IPV6_PORT_8084_TCP_ADDR', '2001:DB8::'],
    ]);
  });
});

describe('serviceEnvVarMap', () => {
  const services = [
    svc('kubernetes', '1.2.3.1', [{ port: 8081, protocol: 'TCP' }], 'default'),
    svc('test', '1.2.3.3', [{ port: 8083, protocol: 'TCP' }], 'test1'),
    svc('kubernetes', '1.2.3.2', [{ port: 8082, protocol: 'TCP' }], 'test1'),
    svc('not-special', '1.2.3.8', [{ port: 8088, protocol: 'TCP' }], 'default'),
  ];
  const hosts = (m: Record<string, string>) => Object.entries(m).filter(([k]) => k.endsWith('_SERVICE_HOST'));

  it('gives the master kubernetes Service of default and, with service links, the namespace own', () => {
    expect(hosts(serviceEnvVarMap(services, 'test1', true))).toEqual([
      ['KUBERNETES_SERVICE_HOST', '1.2.3.2'],
      ['TEST_SERVICE_HOST', '1.2.3.3'],
    ]);
    // The namespace's own `kubernetes` Service shadows the master one only when service links are on.
    expect(hosts(serviceEnvVarMap(services, 'test1', false))).toEqual([['KUBERNETES_SERVICE_HOST', '1.2.3.1']]);
    expect(hosts(serviceEnvVarMap(services, 'default', true))).toEqual([
      ['KUBERNETES_SERVICE_HOST', '1.2.3.1'],
      ['NOT_SPECIAL_SERVICE_HOST', '1.2.3.8'],
    ]);
  });

  it('refuses to make a container environment before the informer has listed', () => {
    const store = new Store<Service>();
    let synced = false;
    const src = serviceEnvSource(store, () => synced);
    expect(() => src.serviceEnv!('default', true)).toThrow('services have not yet been read at least once, cannot construct envvars');
    synced = true;
    expect(src.serviceEnv!('default', true)).toEqual({});
  });
});
