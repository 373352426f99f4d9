// The describe helpers against upstream's formats (k8s.io/kubectl/pkg/describe/describe_test.go
// cases where they apply, and outputs recorded from kubectl v1.32.4).

import { describe, expect, it } from 'vitest';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, printTolerationsMultiline, rfc1123z } from './helpers';
import { describerFor, eventsPath } from './describers';
import { tabbedString } from './writer';
import type { Co } from '../../sim/co';

/** Runs a describer coroutine with no requests (role describers fetch nothing). */
function run(co: Co<string>): string {
  const r = co.next();
  if (!r.done) throw new Error('describer asked for a request');
  return r.value;
}

describe('describe helpers', () => {
  it('prints labels sorted, one per line, and <none> when empty', () => {
    expect(tabbedString((w) => printLabelsMultiline(w, 'Labels', { b: '2', a: '1' }))).toBe('Labels:  a=1\n         b=2\n');
    expect(tabbedString((w) => printLabelsMultiline(w, 'Labels', {}))).toBe('Labels:  <none>\n');
  });

  it('skips last-applied-configuration and breaks long annotations', () => {
    const long = 'x'.repeat(150);
    expect(tabbedString((w) => printAnnotationsMultiline(w, 'Annotations', { 'kubectl.kubernetes.io/last-applied-configuration': '{}' }))).toBe('Annotations:  <none>\n');
    expect(tabbedString((w) => printAnnotationsMultiline(w, 'Annotations', { k: long }))).toBe(`Annotations:  k:\n                ${'x'.repeat(138)}...\n`);
  });

  it('orders taints by effect and tolerations by key (describe_test.go TestDescribeNode/tolerations)', () => {
    expect(tabbedString((w) => printTaintsMultiline(w, 'Taints', [{ key: 'b', effect: 'NoSchedule' }, { key: 'a', value: 'v', effect: 'NoExecute' }]))).toBe('Taints:  a=v:NoExecute\n         b:NoSchedule\n');
    expect(tabbedString((w) => printTolerationsMultiline(w, 'Tolerations', [{ key: 'key2', operator: 'Equal', value: 'value2', effect: 'NoExecute', tolerationSeconds: 300 }, { key: 'key1', value: 'value1' }, { operator: 'Exists' }]))).toBe(
      'Tolerations:  op=Exists\n              key1=value1\n              key2=value2:NoExecute for 300s\n',
    );
  });

  it('formats RFC 1123Z timestamps', () => {
    expect(rfc1123z('2026-01-01T00:00:01Z')).toBe('Thu, 01 Jan 2026 00:00:01 +0000');
  });

  it('prints the Events table sorted by last timestamp, with counts', () => {
    const now = Date.parse('2026-01-01T01:00:00Z');
    const ev = (reason: string, last: string, count = 1) => ({ type: 'Normal', reason, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: last, count, source: { component: 'deployment-controller' }, message: ` Scaled ${reason} ` });
    const out = tabbedString((w) => {
      w.write(0, 'Name:\tweb\n');
      describeEvents([ev('B', '2026-01-01T00:59:00Z', 3), ev('A', '2026-01-01T00:00:00Z')], w, now);
    });
    expect(out).toBe(
      'Name:  web\nEvents:\n  Type    Reason  Age                From                   Message\n  ----    ------  ----               ----                   -------\n  Normal  A       60m                deployment-controller  Scaled A\n  Normal  B       60s (x3 over 60m)  deployment-controller  Scaled B\n',
    );
    expect(tabbedString((w) => describeEvents([], w, now))).toBe('Events:  <none>\n');
  });

  it('searches events by the involved object', () => {
    expect(eventsPath({ metadata: { name: 'web', namespace: 'default', uid: 'u1' } }, 'Deployment')).toBe('/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb%2CinvolvedObject.namespace%3Ddefault%2CinvolvedObject.kind%3DDeployment%2CinvolvedObject.uid%3Du1&limit=500');
  });
});

describe('role describer', () => {
  it('breaks rules down, compacts them and sorts them as PolicyRule.String() does', () => {
    const role = {
      metadata: { name: 'r' },
      rules: [
        { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list'] },
        { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
        { nonResourceURLs: ['/healthz', '/version'], verbs: ['get'] },
      ],
    };
    expect(run(describerFor('rbac.authorization.k8s.io', 'Role')(role, { get: () => null as never, mustGet: () => null as never, nowMs: 0 }))).toBe(
      [
        'Name:         r',
        'Labels:       <none>',
        'Annotations:  <none>',
        'PolicyRule:',
        '  Resources         Non-Resource URLs  Resource Names  Verbs',
        '  ---------         -----------------  --------------  -----',
        // Verbs lead PolicyRule.String(): "[get list]" sorts before "[get]".
        '  deployments.apps  []                 []              [get list]',
        '  replicasets.apps  []                 []              [get list]',
        '                    [/healthz]         []              [get]',
        '                    [/version]         []              [get]',
        '  pods/log          []                 []              [get]',
        '',
      ].join('\n'),
    );
  });
});
