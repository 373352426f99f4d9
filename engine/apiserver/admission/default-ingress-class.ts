// DefaultIngressClass (plugin/pkg/admission/network/defaultingressclass): an Ingress created
// without spec.ingressClassName and without the kubernetes.io/ingress.class annotation gets the
// IngressClass annotated ingressclass.kubernetes.io/is-default-class: "true" (the newest such
// class when several are, then the first by name). Mutating only, on create.

import type { Ingress, KubeObject } from '../../api/types';
import type { Co } from '../../sim/co';
import { isMain, listCached, type AdmissionContext, type Attributes, type Plugin } from './context';

// Models admission.go getDefaultClass.
function defaultClass(ctx: AdmissionContext): KubeObject | undefined {
  const defaults = listCached(ctx, 'networking.k8s.io', 'ingressclasses', '').filter((c) => c.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
  const ms = (o: KubeObject) => Date.parse(o.metadata.creationTimestamp ?? '') || 0;
  defaults.sort((x, y) => ms(y) - ms(x) || ((x.metadata.name ?? '') < (y.metadata.name ?? '') ? -1 : 1));
  return defaults[0];
}

// Models admission.go Admit.
function* admitDefaultIngressClass(ctx: AdmissionContext, a: Attributes): Co<void> {
  if (a.op !== 'CREATE' || !isMain(a, 'networking.k8s.io', 'ingresses')) return;
  const ing = a.obj as Ingress;
  if (ing.spec?.ingressClassName !== undefined && ing.spec.ingressClassName !== null) return;
  if (ing.metadata.annotations?.['kubernetes.io/ingress.class'] !== undefined) return;
  const c = defaultClass(ctx);
  if (c) ing.spec = { ...(ing.spec ?? {}), ingressClassName: c.metadata.name };
}

/** The DefaultIngressClass plugin. */
export const defaultIngressClass: Plugin = { name: 'DefaultIngressClass', admit: admitDefaultIngressClass };
