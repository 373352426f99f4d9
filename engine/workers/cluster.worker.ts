// The cluster Worker's entry: the whole browser cluster, off the page's thread. An adapter only.
import { serveCluster } from './cluster-service';

serveCluster();
