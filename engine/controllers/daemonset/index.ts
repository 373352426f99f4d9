// The DaemonSet controller (pkg/controller/daemon): its constructor and the helpers others share.

export { newDaemonSetsController, nodeShouldRunDaemonPod, newDaemonPod, DaemonSetsController } from './daemon-controller';
export { addOrUpdateDaemonPodTolerations, getTargetNodeName, replaceDaemonSetPodNodeNameNodeAffinity, defaultDaemonSetUniqueLabelKey } from './util';
