// Hands the page's ClusterConnection down the component tree.
import { createContext, useContext, type ReactNode } from 'react';
import type { ClusterConnection } from './connection';

const ConnectionContext = createContext<ClusterConnection | null>(null);

/** Makes `connection` the one components and actions below use. */
export function ConnectionProvider({ connection, children }: { connection: ClusterConnection; children: ReactNode }) {
  return <ConnectionContext.Provider value={connection}>{children}</ConnectionContext.Provider>;
}

/** The page's cluster connection; its `cluster` is null while the cluster starts. */
export function useConnection(): ClusterConnection {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error('useConnection needs a <ConnectionProvider> above it');
  return connection;
}
