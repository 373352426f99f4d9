// kubectl's `-o name` (cli-runtime printers.NamePrinter): `<kind>[.<group>]/<name>` in lower case,
// one line per object, with an optional operation (`deployment.apps/web created`).

export interface NamedObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
}

/** The group of an apiVersion: '' for the core group (`v1`). */
export function groupOf(apiVersion: string | undefined): string {
  const v = apiVersion ?? '';
  return v.includes('/') ? v.slice(0, v.indexOf('/')) : '';
}

/** The `-o name` line of one object, or the error NamePrinter returns for one without a kind. */
export function printName(obj: NamedObject, operation = '', shortOutput = false): { line: string } | { error: string } {
  if (!obj.kind && !obj.apiVersion) return { error: 'missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type' };
  const name = obj.metadata?.name || '<unknown>';
  const kind = obj.kind ?? '';
  if (kind.length === 0) return { error: `missing kind for resource with name ${name}` };
  const op = shortOutput || operation.length === 0 ? '' : ` ${operation}`;
  const group = groupOf(obj.apiVersion);
  return { line: group ? `${kind.toLowerCase()}.${group}/${name}${op}\n` : `${kind.toLowerCase()}/${name}${op}\n` };
}

/** `-o name` of several objects (a List's items each get their line). */
export function toNames(objects: readonly NamedObject[], operation = ''): string {
  let out = '';
  for (const o of objects) {
    const r = printName(o, operation);
    if ('error' in r) throw new Error(r.error);
    out += r.line;
  }
  return out;
}
