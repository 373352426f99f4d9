// The resource browser: namespaces → kinds → objects, live from the catalog the first ready
// apiserver reports; the selected object's YAML (`kubectl get <resource>.<group> <name> -n <ns> -o
// yaml`, fetched again when its resourceVersion moves), read-only, with "Edit in editor". Wide, the
// tree and the YAML sit side by side; narrow (a phone), one at a time.

import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useConnection } from '../cluster/react';
import { catalogSignature, catalogTree, getCommand, liveApiServer, openByDefault, sameObject, type CatalogEntry } from '../editor/catalog';
import { EditorIcon } from '../editor/icons';
import { kubectlOf } from '../editor/run-kubectl';
import { highlightYamlLine } from '../editor/yaml-highlight';
import { useAppStore, useAppStoreApi } from '../store';
import type { ResourceRef } from '../store/editor-slice';

/** The live catalog while the browser shows; the component re-renders only when it changes. */
function useCatalog(visible: boolean): { catalog: CatalogEntry[]; server: string | null; state: 'none' | 'starting' | 'live' } {
  const store = useAppStoreApi();
  const read = useCallback(() => {
    const s = store.getState().snapshot;
    const api = liveApiServer(s);
    return { catalog: api?.catalog ?? [], server: api?.name ?? null, state: api ? ('live' as const) : s?.apiservers?.length ? ('starting' as const) : ('none' as const) };
  }, [store]);
  const [value, setValue] = useState(read);
  useEffect(() => {
    if (!visible) return;
    let sig = '';
    const update = () => {
      const next = read();
      const nextSig = `${next.state}:${next.server}:${catalogSignature(next.catalog)}`;
      if (nextSig !== sig) {
        sig = nextSig;
        setValue(next);
      }
    };
    update();
    return store.subscribe((s, prev) => s.snapshot !== prev.snapshot && update());
  }, [visible, store, read]);
  return value;
}

interface Shown {
  ref: ResourceRef;
  rv: string;
  text: string;
  error: string;
  loading: boolean;
}

/** The selected object's YAML, fetched when the selection or its resourceVersion changes. */
function useObjectYaml(selection: ResourceRef | null, rv: string | null, visible: boolean): Shown | null {
  const connection = useConnection();
  const [shown, setShown] = useState<Shown | null>(null);
  useEffect(() => {
    if (!selection || !visible) return;
    if (rv === null) return; // gone from the catalog: keep what was shown
    let cancelled = false;
    setShown((prev) => (prev && sameObject(prev.ref, selection) ? { ...prev, loading: true } : { ref: selection, rv, text: '', error: '', loading: true }));
    const kubectl = kubectlOf(connection.cluster);
    if (!kubectl) {
      setShown({ ref: selection, rv, text: '', error: 'kubectl is not running in this cluster yet', loading: false });
      return;
    }
    kubectl(getCommand(selection)).then(
      (r) => !cancelled && setShown({ ref: selection, rv, text: r.stdout, error: r.code === 0 ? '' : r.stderr || r.stdout, loading: false }),
      (e: unknown) => !cancelled && setShown({ ref: selection, rv, text: '', error: e instanceof Error ? e.message : String(e), loading: false }),
    );
    return () => {
      cancelled = true;
    };
  }, [selection, rv, visible, connection]);
  return selection && shown && sameObject(shown.ref, selection) ? shown : null;
}

/** A flat, visible row of the tree, for keyboard movement. */
interface Row {
  key: string;
  level: 1 | 2 | 3;
  parent: string | null;
  expandable: boolean;
  object?: ResourceRef;
}

function ResourceTree({ catalog, onOpen }: { catalog: CatalogEntry[]; onOpen: () => void }) {
  const tree = useMemo(() => catalogTree(catalog), [catalog]);
  const expanded = useAppStore((s) => s.resourceExpanded);
  const setExpanded = useAppStore((s) => s.setResourceExpanded);
  const selection = useAppStore((s) => s.resourceSelection);
  const select = useAppStore((s) => s.selectResource);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const root = useRef<HTMLUListElement>(null);
  const isOpen = (key: string) => expanded[key] ?? openByDefault(key);
  const objectKey = (o: CatalogEntry) => `obj:${o.namespace}/${o.resource}.${o.group}/${o.name}`;

  const rows: Row[] = [];
  for (const ns of tree) {
    rows.push({ key: ns.key, level: 1, parent: null, expandable: true });
    if (!isOpen(ns.key)) continue;
    for (const k of ns.kinds) {
      rows.push({ key: k.key, level: 2, parent: ns.key, expandable: true });
      if (!isOpen(k.key)) continue;
      for (const o of k.objects) rows.push({ key: objectKey(o), level: 3, parent: k.key, expandable: false, object: { namespace: o.namespace, resource: o.resource, group: o.group, kind: o.kind, name: o.name } });
    }
  }
  const selectedKey = selection ? `obj:${selection.namespace}/${selection.resource}.${selection.group}/${selection.name}` : null;
  const tabStop = rows.some((r) => r.key === focusKey) ? focusKey : rows.some((r) => r.key === selectedKey) ? selectedKey : (rows[0]?.key ?? null);

  const focusRow = (key: string) => {
    setFocusKey(key);
    root.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
  };
  const activate = (row: Row) => {
    if (row.object) {
      select(row.object);
      onOpen();
    } else setExpanded(row.key, !isOpen(row.key));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const at = rows.findIndex((r) => r.key === (document.activeElement as HTMLElement | null)?.dataset.key);
    if (at < 0) return;
    const row = rows[at];
    let handled = true;
    if (e.key === 'ArrowDown') rows[at + 1] && focusRow(rows[at + 1].key);
    else if (e.key === 'ArrowUp') rows[at - 1] && focusRow(rows[at - 1].key);
    else if (e.key === 'Home') focusRow(rows[0].key);
    else if (e.key === 'End') focusRow(rows[rows.length - 1].key);
    else if (e.key === 'ArrowRight') {
      if (row.expandable && !isOpen(row.key)) setExpanded(row.key, true);
      else if (row.expandable && rows[at + 1]?.parent === row.key) focusRow(rows[at + 1].key);
    } else if (e.key === 'ArrowLeft') {
      if (row.expandable && isOpen(row.key)) setExpanded(row.key, false);
      else if (row.parent) focusRow(row.parent);
    } else if (e.key === 'Enter' || e.key === ' ') activate(row);
    else handled = false;
    if (handled) e.preventDefault();
  };

  const item = (row: Row, label: ReactNode, extra: { count?: number; children?: ReactNode }) => (
    <li
      key={row.key}
      role="treeitem"
      aria-level={row.level}
      aria-expanded={row.expandable ? isOpen(row.key) : undefined}
      aria-selected={row.object ? row.key === selectedKey : undefined}
      tabIndex={row.key === tabStop ? 0 : -1}
      data-key={row.key}
      className={`resource-tree__item resource-tree__item--l${row.level}${row.key === selectedKey ? ' is-selected' : ''}`}
      onFocus={(e) => e.target === e.currentTarget && setFocusKey(row.key)}
      onClick={(e) => {
        e.stopPropagation();
        setFocusKey(row.key);
        activate(row);
      }}
      data-testid={row.object ? `resource-${row.object.kind}-${row.object.name}` : undefined}
    >
      <span className="resource-tree__row">
        {row.expandable ? <EditorIcon name="caret" size={12} className="resource-tree__caret" /> : <span className="resource-tree__dot" />}
        <span className="resource-tree__label">{label}</span>
        {extra.count !== undefined && <span className="resource-tree__count">{extra.count}</span>}
      </span>
      {extra.children}
    </li>
  );

  const byKey = new Map(rows.map((r) => [r.key, r]));
  return (
    <ul className="resource-tree" role="tree" aria-label="Resources" ref={root} onKeyDown={onKeyDown} data-testid="resource-tree">
      {tree.map((ns) =>
        item(byKey.get(ns.key)!, ns.namespace || <em>cluster-scoped</em>, {
          count: ns.count,
          children: isOpen(ns.key) && (
            <ul role="group">
              {ns.kinds.map((k) =>
                item(byKey.get(k.key)!, k.kind, {
                  count: k.objects.length,
                  children: isOpen(k.key) && (
                    <ul role="group">
                      {k.objects.map((o) => {
                        const r = byKey.get(objectKey(o));
                        return r ? item(r, o.name, {}) : null;
                      })}
                    </ul>
                  ),
                }),
              )}
            </ul>
          ),
        }),
      )}
    </ul>
  );
}

function YamlView({ text }: { text: string }) {
  const lines = text.replace(/\n$/, '').split('\n');
  return (
    <pre className="resource-yaml" data-testid="resource-yaml" tabIndex={0} aria-label="Object YAML (read-only)">
      {lines.map((l, i) => (
        <span key={i} className="resource-yaml__line">
          {highlightYamlLine(l).map((t, j) => (
            <span key={j} className={`y-${t.kind}`}>
              {t.text}
            </span>
          ))}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

/** The browser panel; it reads the catalog only while `visible`. */
export function ResourceBrowser({ visible }: { visible: boolean }) {
  const { catalog, server, state } = useCatalog(visible);
  const selection = useAppStore((s) => s.resourceSelection);
  const select = useAppStore((s) => s.selectResource);
  const openInEditor = useAppStore((s) => s.openInEditor);
  const [detail, setDetail] = useState(false);
  const rv = selection ? (catalog.find((e) => e.namespace === selection.namespace && e.resource === selection.resource && e.group === selection.group && e.name === selection.name)?.rv ?? null) : null;
  const shown = useObjectYaml(selection, rv, visible);
  const gone = !!selection && rv === null && state === 'live';

  const edit = async () => {
    if (!shown?.text) return;
    const { manifestForEditing } = await import('../editor/strip');
    openInEditor(manifestForEditing(shown.text));
  };

  return (
    <section className={`panel resource-browser${detail && selection ? ' resource-browser--detail' : ''}`} aria-label="Resources" data-testid="resource-browser">
      <header className="panel__header">
        <EditorIcon name="boxes" size={14} />
        <span className="panel__title">Resources</span>
        <span className="panel__sub">{server ? `${catalog.length} objects · ${server}` : state === 'starting' ? 'waiting for an apiserver to be ready…' : 'no apiserver in this cluster'}</span>
      </header>
      <div className="resource-browser__body">
        <nav className="resource-browser__tree" aria-label="Namespaces and kinds">
          {catalog.length > 0 ? <ResourceTree catalog={catalog} onOpen={() => setDetail(true)} /> : <p className="resource-browser__empty">{state === 'live' ? 'No objects yet.' : 'The API objects show here once an apiserver serves.'}</p>}
        </nav>
        <div className="resource-browser__detail">
          {selection ? (
            <>
              <div className="resource-detail__bar">
                <button type="button" className="editor-button resource-detail__back" onClick={() => setDetail(false)} aria-label="Back to the list">
                  <EditorIcon name="back" />
                </button>
                <span className="resource-detail__title">
                  <span className="resource-detail__kind">{selection.kind}</span> {selection.name}
                  {selection.namespace && <span className="resource-detail__ns"> · {selection.namespace}</span>}
                </span>
                {gone && <span className="resource-detail__gone">deleted</span>}
                <span className="manifest-editor__spacer" />
                <button type="button" className="editor-button" onClick={() => void edit()} disabled={!shown?.text} data-testid="resource-edit">
                  <EditorIcon name="pencil" />
                  <span>Edit in editor</span>
                </button>
                <button type="button" className="editor-button resource-detail__close" onClick={() => select(null)} aria-label="Close">
                  ✕
                </button>
              </div>
              {shown?.error ? <pre className="resource-yaml resource-yaml--error">{shown.error}</pre> : shown?.text ? <YamlView text={shown.text} /> : <p className="resource-browser__empty">loading…</p>}
            </>
          ) : (
            <p className="resource-browser__empty">Select an object to see its YAML.</p>
          )}
        </div>
      </div>
    </section>
  );
}
