// The actions of Kubeplay's etcd slice: time controls, membership and chaos.
import { parseRecording, type Recording } from '../../engine/cluster-core';
import { clearSession, sessionLink } from '../session/session';
import { currentLeader } from '../lib/diff';
import { memberNodeSize } from '../lib/layout';
import type { XY } from '../store/layout-slice';
import { defineAction, isCommandResult, runAction, type Action, type ActionEnv } from './registry';

const plainKey = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;

/** Space: pause or resume simulated time. */
export const togglePause = defineAction({
  name: 'togglePause',
  label: 'Pause / resume',
  shortcut: 'Space',
  keyTest: (e) => plainKey(e) && (e.key === ' ' || e.code === 'Space'),
  perform: ({ cluster, store }) => {
    if (!store.getState().snapshot?.paused) return cluster.pause();
    store.getState().setLastStep(null);
    return cluster.resume();
  },
});

/**
 * '.': pause, then run the events of the next instant anything is due (timers firing, messages
 * delivered); the canvas says what ran.
 */
export const step = defineAction({
  name: 'step',
  label: 'Step',
  shortcut: '.',
  keyTest: (e) => plainKey(e) && e.key === '.',
  perform: async ({ cluster, store }) => {
    const ran = await cluster.step();
    const atMs = ran.length ? ran[0].at : (store.getState().snapshot?.now ?? 0);
    store.getState().setLastStep({ atMs, ran });
  },
});

/** Sets the speed factor (0.1× … 100×). */
export const setSpeed = defineAction<number>({
  name: 'setSpeed',
  label: 'Set speed',
  perform: ({ cluster }, x) => cluster.setSpeed(Math.min(100, Math.max(0.1, x))),
});

/** The speeds [ and ] step through: 1, 2, 5 in each decade. */
export const speedLadder = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];

/** The next speed on the ladder above (dir 1) or below (dir -1) `x`; the ends stay where they are. */
export function nudgeSpeed(dir: 1 | -1, x: number): number {
  if (dir === 1) return speedLadder.find((v) => v > x * 1.001) ?? speedLadder[speedLadder.length - 1]!;
  return [...speedLadder].reverse().find((v) => v < x / 1.001) ?? speedLadder[0]!;
}

/** ']': faster. */
export const speedUp = defineAction({
  name: 'speedUp',
  label: 'Faster',
  shortcut: ']',
  keyTest: (e) => plainKey(e) && e.key === ']',
  perform: ({ cluster, store }) => cluster.setSpeed(nudgeSpeed(1, store.getState().snapshot?.speed ?? 1)),
});

/** '[': slower. */
export const speedDown = defineAction({
  name: 'speedDown',
  label: 'Slower',
  shortcut: '[',
  keyTest: (e) => plainKey(e) && e.key === '[',
  perform: ({ cluster, store }) => cluster.setSpeed(nudgeSpeed(-1, store.getState().snapshot?.speed ?? 1)),
});

/** Adds a member for real (`member add` + its worker); `drop` is where its card should appear. */
export const addMember = defineAction<XY | null>({
  name: 'addMember',
  label: 'Add etcd member',
  perform: async ({ cluster, store }, drop) => {
    store.getState().setBusy('add-member', true);
    if (drop) store.getState().setPendingDrop(drop);
    try {
      const r = await cluster.addEtcdMember();
      if (r.code === 0) {
        const name = /ETCD_NAME="([^"]+)"/.exec(r.stdout)?.[1];
        const id = /^Member (\S+) added/.exec(r.stdout)?.[1];
        store.getState().log('success', name && id ? `etcdctl member add ${name}: added as member ${id}` : r.stdout.split('\n')[0]);
        if (name && drop && !store.getState().positions[name]) {
          // Claim the drop point for this member even if another one shows up first.
          store.getState().setPendingDrop(null);
          store.getState().setPosition(name, { x: drop.x - memberNodeSize.width / 2, y: drop.y - memberNodeSize.height / 2 });
        }
      } else {
        store.getState().setPendingDrop(null);
      }
      return r;
    } finally {
      store.getState().setBusy('add-member', false);
    }
  },
});

/** Crashes a member: its worker is terminated, its disk kept. */
export const killMember = defineAction<string>({
  name: 'killMember',
  label: 'Kill member',
  perform: ({ cluster, store }, name) => {
    store.getState().log('info', `killing ${name}`);
    return cluster.killEtcd(name);
  },
});

/** Restarts a killed member from its disk. */
export const restartMember = defineAction<string>({
  name: 'restartMember',
  label: 'Restart member',
  perform: ({ cluster, store }, name) => {
    store.getState().log('info', `restarting ${name}`);
    return cluster.restartEtcd(name);
  },
});

/** `etcdctl member remove`: a real membership change. */
export const removeMember = defineAction<string>({
  name: 'removeMember',
  label: 'Remove member',
  perform: async ({ cluster, store }, name) => {
    store.getState().setBusy(`remove:${name}`, true);
    try {
      const r = await cluster.removeEtcdMember(name);
      if (isCommandResult(r) && r.code === 0 && r.stdout.trim()) store.getState().log('info', r.stdout.trim());
      return r;
    } finally {
      store.getState().setBusy(`remove:${name}`, false);
    }
  },
});

/** 'k': kills whichever member leads now. */
export const killLeader = defineAction({
  name: 'killLeader',
  label: 'Kill leader',
  shortcut: 'K',
  keyTest: (e) => plainKey(e) && e.key.toLowerCase() === 'k',
  perform: ({ cluster, store }) => {
    const state = store.getState();
    const leader = currentLeader(state.snapshot?.members ?? []);
    if (!leader) throw new Error('there is no leader to kill');
    state.log('info', `killing the leader, ${leader.name}`);
    return cluster.killEtcd(leader.name);
  },
});

/** 'i': cuts the leader off from every other member. */
export const isolateLeader = defineAction({
  name: 'isolateLeader',
  label: 'Isolate leader',
  shortcut: 'I',
  keyTest: (e) => plainKey(e) && e.key.toLowerCase() === 'i',
  perform: ({ cluster, store }) => {
    const state = store.getState();
    const members = (state.snapshot?.members ?? []).filter((m) => !m.removed);
    const leader = currentLeader(members);
    if (!leader) throw new Error('there is no leader to isolate');
    state.log('info', `partitioning ${leader.name} away from the others`);
    return cluster.partition([[leader.name], members.filter((m) => m.name !== leader.name).map((m) => m.name)]);
  },
});

/** 'h': restores every link. */
export const heal = defineAction({
  name: 'heal',
  label: 'Heal network',
  shortcut: 'H',
  keyTest: (e) => plainKey(e) && e.key.toLowerCase() === 'h',
  perform: ({ cluster }) => cluster.heal(),
});

/** Cuts the link between two members, or restores it if it is cut. */
export const toggleLink = defineAction<{ a: string; b: string }>({
  name: 'toggleLink',
  label: 'Cut / restore link',
  perform: ({ cluster, store }, { a, b }) => {
    const cut = store.getState().snapshot?.cutLinks.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
    return cut ? cluster.restoreLink(a, b) : cluster.cutLink(a, b);
  },
});

/** 'l': puts the members back on a circle. */
export const relayout = defineAction({
  name: 'relayout',
  label: 'Tidy layout',
  shortcut: 'L',
  keyTest: (e) => plainKey(e) && e.key.toLowerCase() === 'l',
  perform: ({ store }) => {
    const state = store.getState();
    state.relayout((state.snapshot?.members ?? []).map((m) => m.name));
  },
});

/** Escape: closes the member menu. */
export const deselect = defineAction({
  name: 'deselect',
  label: 'Close menu',
  shortcut: 'Esc',
  keyTest: (e) => e.key === 'Escape',
  perform: ({ store }) => store.getState().select(null),
});

/** Actions reachable from the keyboard, checked in order. */
export const keyboardActions: Action[] = [togglePause, step, speedUp, speedDown, killLeader, isolateLeader, heal, relayout, deselect];

/** Runs the first keyboard action whose keyTest matches; true if one did. */
export function handleKeyDown(env: ActionEnv, e: KeyboardEvent, isTypingTarget: (e: KeyboardEvent) => boolean): boolean {
  if (isTypingTarget(e)) return false;
  const action = keyboardActions.find((a) => a.keyTest?.(e));
  if (!action) return false;
  e.preventDefault();
  void runAction(env, action, undefined);
  return true;
}

/** Cuts one member off from every other member (a partition of one). */
export const isolateMember = defineAction<string>({
  name: 'isolateMember',
  label: 'Isolate member',
  perform: ({ cluster, store }, name) => {
    const state = store.getState();
    const others = (state.snapshot?.members ?? []).filter((m) => !m.removed && m.name !== name).map((m) => m.name);
    state.log('info', `partitioning ${name} away from the others`);
    return cluster.partition([[name], others]);
  },
});

/** Every action by name: the one list a toolbar, a shortcut or a command palette dispatches from. */
export const actionRegistry: ReadonlyMap<string, Action<never>> = new Map(
  ([togglePause, step, setSpeed, speedUp, speedDown, addMember, killMember, restartMember, removeMember, isolateMember, killLeader, isolateLeader, heal, toggleLink, relayout, deselect] as Action<never>[]).map((a) => [a.name, a]),
);

/** Where a recording waits for the page that replays it (Load recording reloads the page). */
export const pendingReplayKey = 'kubeplay:replay';

/** The file name of a recording: seed and simulated time, so a folder of them sorts and reads well. */
export function recordingFileName(r: Recording): string {
  return `kubeplay-seed-${r.seed}-at-${(r.nowUs / 1e6).toFixed(1)}s.json`;
}

/** Saves the session's recording (every action and when, the seed, the digest) as a JSON file. */
export const downloadRecording = defineAction({
  name: 'downloadRecording',
  label: 'Save recording',
  perform: async ({ cluster, store }) => {
    const rec = await cluster.recording();
    const url = URL.createObjectURL(new Blob([JSON.stringify(rec, null, 1)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = recordingFileName(rec);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    store.getState().log('info', `saved ${rec.steps.length} step(s) up to ${(rec.nowUs / 1e6).toFixed(1)} s; replay headless with replay(recording), digest ${rec.digest}`);
  },
});

/**
 * Loads a recording: checks it, then reloads the page onto it (the page re-runs every step at its
 * instant, paused at the end). A text that is not a recording is refused with the reason, and the
 * running session is left as it was.
 */
export const loadRecording = defineAction<string>({
  name: 'loadRecording',
  label: 'Load recording',
  needsCluster: false,
  perform: ({ store }, text) => {
    try {
      parseRecording(text);
    } catch (e) {
      store.getState().log('error', e instanceof Error ? e.message : String(e));
      return;
    }
    sessionStorage.setItem(pendingReplayKey, text);
    window.location.reload();
  },
});

/** Set by New session: the next page load starts afresh instead of restoring the saved session. */
export const freshSessionKey = 'kubeplay:fresh';

/** Copies a link that replays this session in any browser (the recording rides in the link). */
export const copySessionLink = defineAction({
  name: 'copySessionLink',
  label: 'Copy session link',
  perform: async ({ cluster, store }) => {
    const link = await sessionLink(await cluster.recording(), window.location.href);
    try {
      await navigator.clipboard.writeText(link);
      store.getState().log('info', `copied a link that replays this session (${link.length.toLocaleString('en-US')} characters)`);
    } catch {
      store.getState().log('warn', `the clipboard refused the link; here it is: ${link}`);
    }
    return link;
  },
});

/** Forgets the saved session and starts a new one from the URL's options. */
export const newSession = defineAction({
  name: 'newSession',
  label: 'New session',
  needsCluster: false,
  perform: async () => {
    sessionStorage.setItem(freshSessionKey, '1');
    await clearSession().catch(() => {});
    window.location.reload();
  },
});
