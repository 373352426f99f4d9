// The node's own programs for `kubectl exec` (registry.ts), the exec stream (stream.ts) and the
// files the kubelet and containerd put in a container's /etc (etc.ts). Importing this folder
// registers the programs it ships: kill, and over the pod's network (net.ts) nslookup, curl and
// wget. The kubelet process kind imports it (server-api.ts), so they exist wherever nodes run.

import './kill';
import './nslookup';
import './curl';
import './wget';

export { execProgram, extraExecutables, hasShell, isBusybox, registerExecProgram, type ExecProgram, type ExecProgramEntry, type ExecSystem } from './registry';
export { channel, decodeFrames, encodeFrame, execErrorStatus, exitCodeOf, exitStatus, streamProtocol, type ExecFrame } from './stream';
export { clusterDNS, clusterDomain, hostsFile, managedEtcMount, podDNS, resolvConf, type DNSConfig } from './etc';
export { parseSignal } from './kill';
