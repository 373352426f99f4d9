// kubectl events (k8s.io/kubectl/pkg/cmd/events): the namespace's core/v1 events, oldest first, as
// LAST SEEN / TYPE / REASON / OBJECT / MESSAGE; --for narrows to one object, --types to types.

import type { Command } from '../../etcdctl/cobra';
import type { KubectlContext } from '../context';
import { CommandError } from '../errors';
import { timestampSince } from '../describe/helpers';
import { tabwrite } from '../printers/tabwriter';
import { escapeTerminal } from '../printers/table';

interface EventLite {
  metadata: { namespace?: string };
  involvedObject?: { kind?: string; name?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  eventTime?: string;
  firstTimestamp?: string;
  lastTimestamp?: string;
  series?: { count?: number; lastObservedTime?: string };
}

/** getInterval of the events printer. */
function interval(e: EventLite, now: number): string {
  const first = e.eventTime ? timestampSince(e.eventTime, now) : timestampSince(e.firstTimestamp, now);
  if (e.series) return `${timestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${timestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** SortableEvents: by last timestamp, falling back to the event time. */
function when(e: EventLite): number {
  const t = Date.parse(e.lastTimestamp || e.eventTime || '');
  return Number.isNaN(t) ? 0 : t;
}

export function eventsCommand(ctx: KubectlContext): Command {
  return {
    use: 'events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]',
    short: 'List events',
    flags: [
      { name: 'all-namespaces', shorthand: 'A', kind: 'bool', def: 'false', usage: 'If present, list the requested object(s) across all namespaces.' },
      { name: 'for', kind: 'string', def: '', usage: 'Filter events to only those pertaining to the specified resource.' },
      { name: 'types', kind: 'stringSlice', def: '[]', usage: 'Output only events of given types.' },
      { name: 'no-headers', kind: 'bool', def: 'false', usage: "When using the default output format, don't print headers." },
      { name: 'chunk-size', kind: 'int64', def: '500', usage: 'Return large lists in chunks rather than all at once.' },
    ],
    run: function* () {
      const allNs = ctx.flag<boolean>('all-namespaces');
      const types = ctx.flag<string[]>('types');
      for (const t of types) if (!['normal', 'warning'].includes(t.toLowerCase())) throw new CommandError(`valid --types are Normal or Warning`);
      const query: string[] = ['limit=500'];
      const forArg = ctx.flag<string>('for');
      if (forArg) {
        const slash = forArg.indexOf('/');
        const r = yield* ctx.discovery.resolve(ctx, slash < 0 ? forArg : forArg.slice(0, slash));
        const name = slash < 0 ? '' : forArg.slice(slash + 1);
        const gv = r.group ? `${r.group}/${r.version}` : r.version;
        query.unshift(`fieldSelector=${encodeURIComponent(`involvedObject.kind=${r.kind},involvedObject.apiVersion=${gv},involvedObject.name=${name}`)}`);
      }
      const base = allNs ? '/api/v1/events' : `/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}/events`;
      const list = yield* ctx.request<{ items?: EventLite[] }>('GET', `${base}?${query.join('&')}`);
      const items = (list.items ?? []).filter((e) => types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase()));
      if (items.length === 0) {
        ctx.io.err(allNs ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
        return;
      }
      items.sort((a, b) => when(a) - when(b));
      const now = ctx.nowMs();
      let text = ctx.flag<boolean>('no-headers') ? '' : `${allNs ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;
      for (const e of items) {
        text += `${allNs ? `${e.metadata.namespace ?? ''}\t` : ''}${interval(e, now)}\t${escapeTerminal(e.type ?? '')}\t${escapeTerminal(e.reason ?? '')}\t${escapeTerminal(e.involvedObject?.kind ?? '')}/${escapeTerminal(e.involvedObject?.name ?? '')}\t${escapeTerminal((e.message ?? '').trim())}\n`;
      }
      ctx.io.out(tabwrite(text));
    },
  };
}
