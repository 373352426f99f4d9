// The store: a vanilla core (./store) made of slices, and its React binding (./react).
export { createAppStore } from './store';
export type { AppState, AppStore } from './store';
export { StoreProvider, useAppStore, useAppStoreApi } from './react';
export type { ClusterSlice, ConnectionState } from './cluster-slice';
export type { LayoutSlice, XY } from './layout-slice';
export type { Flight, Rates, TrafficSlice } from './traffic-slice';
export type { LogEntry, UiSlice } from './ui-slice';
export type { EditorRun, EditorSlice, ResourceRef, SavedEditor, WorkView } from './editor-slice';
