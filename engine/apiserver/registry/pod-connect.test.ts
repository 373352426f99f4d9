// The kubelet-facing pod subresources' pure parts, with upstream's cases: pkg/registry/core/pod
// strategy_test.go TestCheckLogLocation (the container choice and the kubelet path), validation_test.go
// TestValidatePodLogOptions, and the generic response checker's Statuses.

import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { StatusError } from '../errors';
import { parseUrl } from '../http';
import { execPath, kubeletErrorStatus, logPath, podExecOptions, podLogOptions, validateContainer, validatePodLogOptions } from './pod-connect';

const pod = (containers: string[], initContainers: string[] = []): Pod => ({ metadata: { name: 'foo', namespace: 'test' }, spec: { nodeName: 'node-1', containers: containers.map((name) => ({ name })), initContainers: initContainers.map((name) => ({ name })) } });

const badRequest = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof StatusError) return [e.code, e.status.reason, e.message];
    throw e;
  }
  return null;
};

describe('validateContainer (TestCheckLogLocation)', () => {
  it('takes the only container, or the one named', () => {
    expect(validateContainer('', pod(['mycontainer']))).toBe('mycontainer');
    expect(validateContainer('container2', pod(['container1', 'container2']))).toBe('container2');
    expect(validateContainer('initcontainer1', pod(['container1'], ['initcontainer1']))).toBe('initcontainer1');
  });

  it('asks for a name among several, init containers first, and refuses one the pod lacks', () => {
    expect(badRequest(() => validateContainer('', pod([])))).toEqual([400, 'BadRequest', 'a container name must be specified for pod foo']);
    expect(badRequest(() => validateContainer('', pod(['container1', 'container2'])))).toEqual([400, 'BadRequest', 'a container name must be specified for pod foo, choose one of: [container1 container2]']);
    expect(badRequest(() => validateContainer('', pod(['container1', 'container2'], ['initcontainer1'])))).toEqual([400, 'BadRequest', 'a container name must be specified for pod foo, choose one of: [initcontainer1 container1 container2]']);
    expect(badRequest(() => validateContainer('unknown', pod(['container1', 'container2'])))).toEqual([400, 'BadRequest', 'container unknown is not valid for pod foo']);
  });
});

describe('PodLogOptions', () => {
  const opts = (q: string) => podLogOptions(parseUrl(`/x?${q}`).query);

  it('accepts what TestValidatePodLogOptions accepts', () => {
    for (const q of ['', 'tailLines=8', 'limitBytes=12', 'sinceSeconds=10', 'tailLines=8&limitBytes=12&sinceSeconds=10', 'sinceTime=2026-01-01T00:00:00Z']) expect(validatePodLogOptions(opts(q))).toEqual([]);
  });

  // field.NewPath("") prints as `[]` in Go, so the forbidden pair reads `[]: Forbidden: …`.
  it('refuses what it refuses, with its field paths', () => {
    const detail = (q: string) => validatePodLogOptions(opts(q)).map((e) => [e.type, e.field, e.detail]);
    expect(detail('tailLines=-8')).toEqual([['FieldValueInvalid', 'tailLines', 'must be greater than or equal to 0']]);
    expect(detail('limitBytes=0')).toEqual([['FieldValueInvalid', 'limitBytes', 'must be greater than 0']]);
    expect(detail('sinceSeconds=0')).toEqual([['FieldValueInvalid', 'sinceSeconds', 'must be greater than 0']]);
    expect(detail('sinceSeconds=10&sinceTime=2026-01-01T00:00:00Z')).toEqual([['FieldValueForbidden', '[]', 'at most one of `sinceTime` or `sinceSeconds` may be specified']]);
    expect(badRequest(() => opts('tailLines=ten'))).toEqual([400, 'BadRequest', 'strconv.ParseInt: parsing "ten": invalid syntax']);
  });

  it('asks the kubelet for /containerLogs/NS/POD/CONTAINER with the options sorted as url.Values encodes them', () => {
    expect(logPath(pod(['mycontainer']), 'mycontainer', opts(''))).toBe('/containerLogs/test/foo/mycontainer');
    expect(logPath(pod(['c']), 'c', opts('timestamps=true&tailLines=5&follow=true&previous=true&limitBytes=9&sinceSeconds=3'))).toBe('/containerLogs/test/foo/c?follow=true&limitBytes=9&previous=true&sinceSeconds=3&tailLines=5&timestamps=true');
  });
});

describe('PodExecOptions', () => {
  it('sends the command and the streams as the CRI streaming server reads them (input, output, error, tty)', () => {
    const o = podExecOptions(parseUrl('/x?container=web&command=sh&command=-c&command=echo%20hi&stdin=true&stdout=true&stderr=true').query);
    expect(o).toEqual({ container: 'web', command: ['sh', '-c', 'echo hi'], stdin: true, stdout: true, stderr: true, tty: false });
    expect(execPath(pod(['web']), 'web', o)).toBe('/exec/test/foo/web?command=sh&command=-c&command=echo+hi&error=1&input=1&output=1');
  });
});

describe('kubeletErrorStatus (the generic response checker)', () => {
  it('makes a kubelet 400 a BadRequest with its text, and other codes the generic Statuses naming pods/log', () => {
    expect(kubeletErrorStatus(400, 'container "web" in pod "foo" is waiting to start: ContainerCreating', 'pods/log', 'foo')).toMatchObject({ code: 400, reason: 'BadRequest', message: 'container "web" in pod "foo" is waiting to start: ContainerCreating' });
    expect(kubeletErrorStatus(404, 'pod "foo" does not exist', 'pods/log', 'foo')).toMatchObject({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource ( pods/log foo)' });
    expect(kubeletErrorStatus(403, 'Forbidden (user=system:anonymous, verb=get, resource=nodes, subresource=proxy)', 'pods/log', 'foo')).toMatchObject({ code: 403, reason: 'Forbidden', message: 'Forbidden (user=system:anonymous, verb=get, resource=nodes, subresource=proxy) ( pods/log foo)' });
    expect(kubeletErrorStatus(500, 'boom', 'pods/log', 'foo')).toMatchObject({ code: 500, reason: 'InternalError', message: 'Internal error occurred: boom' });
  });
});
