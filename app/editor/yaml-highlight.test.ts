import { describe, expect, it } from 'vitest';
import { highlightYamlLine } from './yaml-highlight';

describe('highlightYamlLine', () => {
  it('splits keys, markers and values', () => {
    expect(highlightYamlLine('  - name: web')).toEqual([
      { text: '  ', kind: 'plain' },
      { text: '- ', kind: 'punct' },
      { text: 'name', kind: 'key' },
      { text: ':', kind: 'punct' },
      { text: ' web', kind: 'plain' },
    ]);
    expect(highlightYamlLine('  replicas: 3').map((t) => t.kind)).toEqual(['plain', 'key', 'punct', 'number']);
    expect(highlightYamlLine('    app.kubernetes.io/name: "x"').map((t) => t.kind)).toEqual(['plain', 'key', 'punct', 'string']);
    expect(highlightYamlLine('# c')).toEqual([{ text: '# c', kind: 'comment' }]);
    expect(highlightYamlLine('spec:').map((t) => t.kind)).toEqual(['key', 'punct']);
    expect(highlightYamlLine('    image: nginx:1.14.2').map((t) => t.text)).toEqual(['    ', 'image', ':', ' nginx:1.14.2']);
  });
});
