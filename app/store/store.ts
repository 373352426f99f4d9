// The app's one store, made of slices, as a vanilla zustand store: no React here, so tests and
// non-React code (the cluster connection, actions) use it directly. It holds snapshots of the
// cluster, never the engine itself.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createClusterSlice, type ClusterSlice } from './cluster-slice';
import { createEditorSlice, type EditorSlice } from './editor-slice';
import { createLayoutSlice, type LayoutSlice } from './layout-slice';
import { createLoadGenSlice, type LoadGenSlice } from './loadgen-slice';
import { createTrafficSlice, type TrafficSlice } from './traffic-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

/** Everything the UI reads. */
export type AppState = ClusterSlice & TrafficSlice & LayoutSlice & UiSlice & EditorSlice & LoadGenSlice;

/** The store itself (getState, setState, subscribe), handed to whoever needs it. */
export type AppStore = StoreApi<AppState>;

/** Makes a fresh store: one per page in main.tsx, one per test. */
export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createClusterSlice(...a),
    ...createTrafficSlice(...a),
    ...createLayoutSlice(...a),
    ...createUiSlice(...a),
    ...createEditorSlice(...a),
    ...createLoadGenSlice(...a),
  }));
}
