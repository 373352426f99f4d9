// Ports pkg/scheduler/framework/plugins/nodeports/node_ports_test.go (TestNodePorts, TestPreFilterDisabled).

import { describe, expect, it } from 'vitest';
import type { ContainerPort, Protocol } from '../../api/types/core';
import { CycleState } from '../framework/cycle-state';
import { NodeInfo } from '../framework/node-info';
import { container, makeNode, makePod, runFilter, statusOf } from '../framework/testing';
import { ErrReasonNodePorts, NodePorts } from './node-ports';

/** newPod(host, "protocol/ip/port"...) of the upstream test. */
const podWithPorts = (name: string, ...ports: string[]) =>
  makePod(name, {
    containers: [
      container({}, {
        ports: ports.map((s): ContainerPort => {
          const [protocol, hostIP, port] = s.split('/');
          return { containerPort: Number(port), hostPort: Number(port), hostIP, protocol: protocol as Protocol };
        }),
      }),
    ],
  });

const conflict = { code: 'Unschedulable', reasons: [ErrReasonNodePorts] };

describe('NodePorts (TestNodePorts)', () => {
  const cases: { name: string; pod: string[]; node: string[]; want: typeof conflict | null | 'Skip' }[] = [
    { name: 'nothing running', pod: [], node: [], want: 'Skip' },
    { name: 'other port', pod: ['UDP/127.0.0.1/8080'], node: ['UDP/127.0.0.1/9090'], want: null },
    { name: 'same udp port', pod: ['UDP/127.0.0.1/8080'], node: ['UDP/127.0.0.1/8080'], want: conflict },
    { name: 'same tcp port', pod: ['TCP/127.0.0.1/8080'], node: ['TCP/127.0.0.1/8080'], want: conflict },
    { name: 'different host ip', pod: ['TCP/127.0.0.1/8080'], node: ['TCP/127.0.0.2/8080'], want: null },
    { name: 'different protocol', pod: ['UDP/127.0.0.1/8080'], node: ['TCP/127.0.0.1/8080'], want: null },
    { name: 'second udp port conflict', pod: ['UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'], node: ['UDP/127.0.0.1/8080'], want: conflict },
    { name: 'first tcp port conflict', pod: ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'], node: ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'], want: conflict },
    { name: 'first tcp port conflict due to 0.0.0.0 hostIP', pod: ['TCP/0.0.0.0/8001'], node: ['TCP/127.0.0.1/8001'], want: conflict },
    { name: 'TCP hostPort conflict due to 0.0.0.0 hostIP', pod: ['TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'], node: ['TCP/127.0.0.1/8001'], want: conflict },
    { name: 'second tcp port conflict to 0.0.0.0 hostIP', pod: ['TCP/127.0.0.1/8001'], node: ['TCP/0.0.0.0/8001'], want: conflict },
    { name: 'second different protocol', pod: ['UDP/127.0.0.1/8001'], node: ['TCP/0.0.0.0/8001'], want: null },
    { name: 'UDP hostPort conflict due to 0.0.0.0 hostIP', pod: ['UDP/127.0.0.1/8001'], node: ['TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'], want: conflict },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const ni = new NodeInfo([podWithPorts('existing', ...tc.node)]);
      ni.setNode(makeNode('n'));
      const s = runFilter(new NodePorts(), podWithPorts('p', ...tc.pod), ni);
      if (tc.want === 'Skip') expect(s?.code()).toBe('Skip');
      else expect(statusOf(s)).toEqual(tc.want);
    });
  }
});

describe('NodePorts (TestPreFilterDisabled)', () => {
  it('Filter without PreFilter state is an error', () => {
    const ni = new NodeInfo();
    ni.setNode(makeNode('n'));
    const s = new NodePorts().filter(new CycleState(), podWithPorts('p', 'TCP/127.0.0.1/8080'), ni);
    expect(statusOf(s)).toEqual({ code: 'Error', reasons: ['reading "PreFilterNodePorts" from cycleState: not found'] });
  });
});
