// A pod spec's containers and volumes as describe prints them (describe.go DescribePodTemplate,
// describeContainers, describeVolumes).

import { compareGoStrings } from '../printers/gofmt';
import { rfc1123z as rfc, arr, goBool, obj, orNone, printLabelsMultiline, printAnnotationsMultiline, printTolerationsMultiline, str, strMap, strings, type Obj } from './helpers';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './writer';

/** DescribePodTemplate. */
export function describePodTemplate(template: Obj | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) return w.write(LEVEL_1, '<unset>');
  const meta = obj(template.metadata);
  const spec = obj(template.spec);
  printLabelsMultiline(w, '  Labels', strMap(meta.labels));
  if (Object.keys(strMap(meta.annotations)).length > 0) printAnnotationsMultiline(w, '  Annotations', strMap(meta.annotations));
  if (str(spec.serviceAccountName)) w.write(LEVEL_1, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  if (arr(spec.initContainers).length > 0) describeContainers('Init Containers', arr(spec.initContainers), [], w, '  ');
  describeContainers('Containers', arr(spec.containers), [], w, '  ');
  describeVolumes(arr(spec.volumes), w, '  ');
  if (str(spec.priorityClassName)) w.write(LEVEL_1, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  printLabelsMultiline(w, '  Node-Selectors', strMap(spec.nodeSelector));
  printTolerationsMultiline(w, '  Tolerations', arr(spec.tolerations));
}

/** describeContainers; `statuses` are the pod's container statuses (none for templates). */
export function describeContainers(label: string, containers: Obj[], statuses: Obj[], w: PrefixWriter, space: string): void {
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = statuses.find((s) => str(s.name) === str(c.name));
    describeContainerBasicInfo(c, status, space, w);
    describeContainerCommand(c, w);
    if (status) describeContainerState(status, w);
    describeResources(obj(c.resources), w, LEVEL_2);
    if (arr(c.envFrom).length > 0) describeContainerEnvFrom(c, w);
    describeContainerEnvVars(c, w);
    describeContainerVolumes(c, w);
  }
}

function describeContainerBasicInfo(c: Obj, status: Obj | undefined, space: string, w: PrefixWriter): void {
  w.write(LEVEL_1, `${space ? ' ' : ''}${str(c.name)}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${str(status.containerID)}\n`);
  w.write(LEVEL_2, `Image:\t${str(c.image)}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${str(status.imageID)}\n`);
  const ports = arr(c.ports);
  const portString = ports.map((p) => `${str(p.containerPort)}/${str(p.protocol)}`).join(', ');
  if (portString.includes(',')) w.write(LEVEL_2, `Ports:\t${portString}\n`);
  else w.write(LEVEL_2, `Port:\t${orNone(portString)}\n`);
  const hostPorts = ports.map((p) => `${typeof p.hostPort === 'number' ? p.hostPort : 0}/${str(p.protocol)}`).join(', ');
  if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
  else w.write(LEVEL_2, `Host Port:\t${orNone(hostPorts)}\n`);
  const seccomp = obj(obj(c.securityContext).seccompProfile);
  if (seccomp.type) {
    w.write(LEVEL_2, `SeccompProfile:\t${str(seccomp.type)}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
  }
}

function describeContainerCommand(c: Obj, w: PrefixWriter): void {
  for (const [field, title] of [['command', 'Command'], ['args', 'Args']] as const) {
    const items = strings(c[field]);
    if (items.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const item of items) for (const s of item.split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
}

function describeContainerState(status: Obj, w: PrefixWriter): void {
  describeStatus('State', obj(status.state), w);
  if (obj(status.lastState).terminated) describeStatus('Last State', obj(status.lastState), w);
  w.write(LEVEL_2, `Ready:\t${status.ready === true ? 'True' : 'False'}\n`);
  w.write(LEVEL_2, `Restart Count:\t${str(status.restartCount ?? 0)}\n`);
}

function describeStatus(title: string, state: Obj, w: PrefixWriter): void {
  if (state.running) {
    w.write(LEVEL_2, `${title}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc(obj(state.running).startedAt)}\n`);
  } else if (state.waiting) {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
    if (str(obj(state.waiting).reason)) w.write(LEVEL_3, `Reason:\t${str(obj(state.waiting).reason)}\n`);
  } else if (state.terminated) {
    const t = obj(state.terminated);
    w.write(LEVEL_2, `${title}:\tTerminated\n`);
    if (str(t.reason)) w.write(LEVEL_3, `Reason:\t${str(t.reason)}\n`);
    if (str(t.message)) w.write(LEVEL_3, `Message:\t${str(t.message)}\n`);
    w.write(LEVEL_3, `Exit Code:\t${str(t.exitCode ?? 0)}\n`);
    if (typeof t.signal === 'number' && t.signal > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc(t.finishedAt)}\n`);
  } else w.write(LEVEL_2, `${title}:\tWaiting\n`);
}


/** The resource names sorted as SortedResourceNames does (lexically). */
function describeResources(resources: Obj, w: PrefixWriter, level: number): void {
  for (const [field, title] of [['limits', 'Limits'], ['requests', 'Requests']] as const) {
    const m = strMap(resources[field]);
    const names = Object.keys(m).sort(compareGoStrings);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${m[n]}\n`);
  }
}

function describeContainerEnvFrom(c: Obj, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of arr(c.envFrom)) {
    const ref = e.configMapRef ? obj(e.configMapRef) : obj(e.secretRef);
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const optional = goBool(ref.optional);
    if (!str(e.prefix)) w.write(LEVEL_3, `${str(ref.name)}\t${from}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${str(ref.name)}\t${from} with prefix '${str(e.prefix)}'\tOptional: ${optional}\n`);
  }
}

function describeContainerEnvVars(c: Obj, w: PrefixWriter): void {
  const env = arr(c.env);
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      str(e.value)
        .split('\n')
        .forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${str(e.name)}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    const from = obj(e.valueFrom);
    if (from.fieldRef) w.write(LEVEL_3, `${str(e.name)}:\t (${str(obj(from.fieldRef).apiVersion)}:${str(obj(from.fieldRef).fieldPath)})\n`);
    else if (from.resourceFieldRef) w.write(LEVEL_3, `${str(e.name)}:\t (${str(obj(from.resourceFieldRef).resource)})\n`);
    else if (from.secretKeyRef) {
      const r = obj(from.secretKeyRef);
      w.write(LEVEL_3, `${str(e.name)}:\t<set to the key '${str(r.key)}' in secret '${str(r.name)}'>\tOptional: ${goBool(r.optional)}\n`);
    } else if (from.configMapKeyRef) {
      const r = obj(from.configMapKeyRef);
      w.write(LEVEL_3, `${str(e.name)}:\t<set to the key '${str(r.key)}' of config map '${str(r.name)}'>\tOptional: ${goBool(r.optional)}\n`);
    }
  }
}

function describeContainerVolumes(c: Obj, w: PrefixWriter): void {
  const mounts = [...arr(c.volumeMounts)].sort((a, b) => compareGoStrings(str(a.mountPath), str(b.mountPath)));
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly === true ? 'ro' : 'rw'];
    if (str(m.subPath)) flags.push(`path=${JSON.stringify(str(m.subPath))}`);
    w.write(LEVEL_3, `${str(m.mountPath)} from ${str(m.name)} (${flags.join(',')})\n`);
  }
  const devices = [...arr(c.volumeDevices)].sort((a, b) => compareGoStrings(str(a.devicePath), str(b.devicePath)));
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of devices) w.write(LEVEL_3, `${str(d.devicePath)} from ${str(d.name)}\n`);
  }
}

/** describeVolumes, for the volume sources a playground uses; others print their type alone. */
export function describeVolumes(volumes: Obj[], w: PrefixWriter, space: string): void {
  if (volumes.length === 0) return w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${str(v.name)}:\n`);
    if (v.hostPath) {
      const h = obj(v.hostPath);
      w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(h.path)}\n    HostPathType:\t${str(h.type) || '<none>'}\n`);
    } else if (v.emptyDir) {
      const e = obj(v.emptyDir);
      w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(e.medium)}\n    SizeLimit:\t${e.sizeLimit && str(e.sizeLimit) !== '0' ? str(e.sizeLimit) : '<unset>'}\n`);
    } else if (v.secret) {
      const s = obj(v.secret);
      w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${str(s.secretName)}\n    Optional:\t${goBool(s.optional)}\n`);
    } else if (v.configMap) {
      const c = obj(v.configMap);
      w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(c.name)}\n    Optional:\t${goBool(c.optional)}\n`);
    } else if (v.persistentVolumeClaim) {
      const c = obj(v.persistentVolumeClaim);
      w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${str(c.claimName)}\n    ReadOnly:\t${goBool(c.readOnly)}\n`);
    } else if (v.projected) {
      w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      // Upstream prints the *bool Optional with %v: <nil> when unset, a pointer address otherwise
      // (printed here as the value).
      const opt = (x: unknown) => (x === undefined ? '<nil>' : goBool(x));
      for (const src of arr(obj(v.projected).sources)) {
        if (src.secret) w.write(LEVEL_2, `SecretName:\t${str(obj(src.secret).name)}\n    SecretOptionalName:\t${opt(obj(src.secret).optional)}\n`);
        else if (src.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
        else if (src.configMap) w.write(LEVEL_2, `ConfigMapName:\t${str(obj(src.configMap).name)}\n    ConfigMapOptional:\t${opt(obj(src.configMap).optional)}\n`);
        else if (src.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${str(obj(src.serviceAccountToken).expirationSeconds)}\n`);
      }
    } else w.write(LEVEL_2, `<unknown>\n`);
  }
}
