// Field paths as the API writes them in a Status' causes (k8s.io/apimachinery/pkg/util/validation/
// field.Path.String()): `.child`, `[0]` for an index, `[key]` for a map key —
// `spec.template.spec.containers[0].image`, `metadata.labels[app.kubernetes.io/name]`.

/** One step of a path: a field or map key (string) or a list index (number). */
export type PathSegment = string | number;

/**
 * Splits a field path into its steps. A bracketed run of digits is an index, anything else in
 * brackets a map key (a label key may hold dots and slashes). A leading dot (as some decode errors
 * print, `.spec.replicas`) is ignored.
 */
export function parseFieldPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = path.startsWith('.') ? 1 : 0;
  let name = '';
  const flush = () => {
    if (name) out.push(name);
    name = '';
  };
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      flush();
      i++;
    } else if (c === '[') {
      flush();
      const close = path.indexOf(']', i + 1);
      if (close < 0) {
        name = path.slice(i);
        break;
      }
      const inner = path.slice(i + 1, close);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = close + 1;
    } else {
      name += c;
      i++;
    }
  }
  flush();
  return out;
}

/** The path as field.Path.String() prints it. */
export function formatFieldPath(segments: readonly PathSegment[]): string {
  let s = '';
  for (const seg of segments) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (s === '') s = seg;
    else s += `.${seg}`;
  }
  return s;
}
