// What ran: one line per input a process received, for the UI's step view and for tests. Turning an
// input into words costs a describe() call, so hosts collect these only when asked (a step).

import type { Input, ProcessId, ProcessKind } from './env';

/** One input handed to a process. */
export interface RanRecord {
  /** Simulated ms. */
  at: number;
  to: ProcessId;
  input: Input['type'];
  /** The sender or peer, for messages and stream events. */
  from?: ProcessId;
  /** What it was: a message type (`MsgApp`), a timer's tag (`heartbeat`), `accept`, `closed: <why>`. */
  what: string;
}

/** How many records one tick keeps: a step shows what ran, not a flood. */
export const ranCapPerTick = 64;

/**
 * Describes one input. Messages are named by their sender's kind (it defines what it sends), then the
 * receiver's, then by a `type` or `t` field; a timer by its tag.
 */
export function describeInput(
  to: ProcessId,
  input: Input,
  atMs: number,
  kindOf: (id: ProcessId) => ProcessKind<never> | undefined,
): RanRecord {
  switch (input.type) {
    case 'message':
    case 'data':
      return { at: atMs, to, input: input.type, from: input.from, what: nameOf(input.msg, kindOf(input.from)) ?? nameOf(input.msg, kindOf(to)) ?? fieldName(input.msg) ?? input.type };
    case 'timer':
      return { at: atMs, to, input: 'timer', what: fieldName(input.tag) ?? 'timer' };
    case 'accept':
      return { at: atMs, to, input: 'accept', from: input.from, what: 'stream opened' };
    case 'closed':
      return { at: atMs, to, input: 'closed', from: input.peer, what: `stream closed: ${input.reason}` };
    case 'command':
      return { at: atMs, to, input: 'command', what: fieldName(input.command) ?? 'command' };
  }
}

function nameOf(msg: unknown, kind: ProcessKind<never> | undefined): string | null {
  if (!kind?.describe) return null;
  try {
    return kind.describe(msg);
  } catch {
    return null;
  }
}

function fieldName(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of ['type', 't', 'kind', 'op']) if (typeof o[k] === 'string') return o[k] as string;
  }
  return null;
}
