// Test setup after pkg/scheduler/framework/plugins/testing (SetupPluginWithInformers) and the
// namespaces of interpodaffinity/scoring_test.go, shared by the plugin's ported tests.

import type { Namespace, Node, Pod } from '../../../../api/types/core';
import { type Handle, Snapshot } from '../../../framework';
import { InterPodAffinity, type InterPodAffinityArgs } from '../plugin';

const nsLabelT1 = { team: 'team1' };
const nsLabelT2 = { team: 'team2' };

/** The namespaces of scoring_test.go: two teams of two sub-teams each. */
export const namespaces: Namespace[] = [
  { metadata: { name: 'subteam1.team1', labels: nsLabelT1 } },
  { metadata: { name: 'subteam2.team1', labels: nsLabelT1 } },
  { metadata: { name: 'subteam1.team2', labels: nsLabelT2 } },
  { metadata: { name: 'subteam2.team2', labels: nsLabelT2 } },
];

/** plugintesting.SetupPluginWithInformers: the plugin over a snapshot of the pods and nodes, with the namespaces listed. */
export function setup(pods: Pod[], nodes: Node[], nss: Namespace[] = namespaces, args: InterPodAffinityArgs = {}) {
  const snapshot = Snapshot.from(pods, nodes);
  const handle: Handle = {
    snapshotSharedLister: () => snapshot,
    listers: { listNamespaces: () => nss, getNamespace: (n) => nss.find((x) => x.metadata.name === n) },
  };
  return { pl: new InterPodAffinity(handle, args), snapshot };
}
