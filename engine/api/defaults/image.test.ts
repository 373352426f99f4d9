// Cases from pkg/util/parsers/parsers_test.go (TestParseImageName) and the pull-policy rule of
// SetDefaults_Container (pkg/apis/core/v1/defaults_test.go TestSetDefaultsContainer... pull policy).
import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, parseImageName } from './image';

const digest = 'sha256:e97ac5c3bc4bd8b1b1c3f8b4d5e6a2e0c8a9e3c0a8e6b5f1d2c3a4b5c6d7e8f9';

describe('parseImageName', () => {
  it.each([
    ['root', 'docker.io/library/root', 'latest', ''],
    ['root:tag', 'docker.io/library/root', 'tag', ''],
    [`root@${digest}`, 'docker.io/library/root', '', digest],
    ['user/repo', 'docker.io/user/repo', 'latest', ''],
    ['user/repo:tag', 'docker.io/user/repo', 'tag', ''],
    [`user/repo@${digest}`, 'docker.io/user/repo', '', digest],
    ['url:5000/repo', 'url:5000/repo', 'latest', ''],
    ['url:5000/repo:tag', 'url:5000/repo', 'tag', ''],
    [`url:5000/repo@${digest}`, 'url:5000/repo', '', digest],
    [`url:5000/repo:latest@${digest}`, 'url:5000/repo', 'latest', digest],
    ['localhost/repo', 'localhost/repo', 'latest', ''],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause', '3.10', ''],
    ['[::1]:5000/repo:v1', '[::1]:5000/repo', 'v1', ''],
  ])('%s', (input, repository, tag, dig) => {
    expect(parseImageName(input)).toEqual({ repository, tag, digest: dig });
  });

  it.each([
    ['ROOT'],
    ['http://root'],
    ['root:tag:tag'],
    [''],
    ['root@sha256:abc'],
    ['root@md5:0123456789abcdef0123456789abcdef'],
    ['a'.repeat(64).replace(/a/g, 'f')],
    [':tag'],
  ])('rejects %j', (input) => {
    expect(parseImageName(input)).toBeUndefined();
  });
});

describe('defaultPullPolicy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    [`nginx@${digest}`, 'IfNotPresent'],
    [`nginx:latest@${digest}`, 'Always'],
    ['localhost:5000/app', 'Always'],
    ['Nginx', 'IfNotPresent'],
    ['', 'IfNotPresent'],
    [undefined, 'IfNotPresent'],
  ])('%s → %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });
});
