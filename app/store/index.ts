// The app's one store, made of slices. It holds snapshots of the cluster, never the engine itself.
import { create } from 'zustand';
import { createClusterSlice, type ClusterSlice } from './cluster-slice';
import { createLayoutSlice, type LayoutSlice } from './layout-slice';
import { createTrafficSlice, type TrafficSlice } from './traffic-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

/** Everything the UI reads. */
export type AppState = ClusterSlice & TrafficSlice & LayoutSlice & UiSlice;

/** The store hook; components select the slice they render. */
export const useAppStore = create<AppState>()((...a) => ({
  ...createClusterSlice(...a),
  ...createTrafficSlice(...a),
  ...createLayoutSlice(...a),
  ...createUiSlice(...a),
}));
