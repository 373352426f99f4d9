// Node selectors and node affinity, as k8s.io/component-helpers/scheduling/corev1/nodeaffinity
// (nodeaffinity.go): a pod's spec.nodeSelector plus its required node affinity terms (ORed terms of
// ANDed requirements over labels and the metadata.name field), and preferred terms that add their
// weight to a node's score. Invalid terms are "lazy errors": they never match, as upstream.

import { type Labels, type Selector, everything, newRequirement, nothing, selectorFromSet, type Operator } from '../../api/labels';
import type { Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm, TopologySelectorTerm } from '../../api/types/core';

/** metav1.ObjectNameField: the only node field a matchFields requirement can name. */
export const ObjectNameField = 'metadata.name';

const labelOps: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

// Models k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go (nodeSelectorRequirementsAsSelector)
function requirementsAsSelector(reqs: readonly NodeSelectorRequirement[], path: string): { selector?: Selector; errs: string[] } {
  if (reqs.length === 0) return { selector: nothing(), errs: [] };
  const errs: string[] = [];
  let selector = everything();
  reqs.forEach((expr, i) => {
    const p = `${path}[${i}]`;
    const op = Object.hasOwn(labelOps, expr.operator) ? labelOps[expr.operator] : undefined;
    if (op === undefined) {
      errs.push(`${p}.operator: Unsupported value: "${expr.operator}"`);
      return;
    }
    try {
      selector = selector.add(newRequirement(expr.key, op, expr.values, p));
    } catch (e) {
      errs.push((e as Error).message);
    }
  });
  return errs.length ? { errs } : { selector, errs };
}

/** A parsed matchFields: each requirement is `field = value` (In) or `field != value` (NotIn) with exactly one value. */
type FieldMatcher = (fields: Labels) => boolean;

// Models k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go (nodeSelectorRequirementsAsFieldSelector)
function requirementsAsFieldSelector(reqs: readonly NodeSelectorRequirement[], path: string): { matcher?: FieldMatcher; errs: string[] } {
  if (reqs.length === 0) return { matcher: () => false, errs: [] };
  const errs: string[] = [];
  const terms: FieldMatcher[] = [];
  reqs.forEach((expr, i) => {
    const p = `${path}[${i}]`;
    if (expr.operator !== 'In' && expr.operator !== 'NotIn') {
      errs.push(`${p}.operator: Unsupported value: "${expr.operator}": supported values: "In", "NotIn"`);
    } else if ((expr.values ?? []).length !== 1) {
      errs.push(`${p}.values: Invalid value: ${JSON.stringify(expr.values ?? [])}: must have one element`);
    } else {
      const v = expr.values![0];
      terms.push(expr.operator === 'In' ? (f) => (f[expr.key] ?? '') === v : (f) => (f[expr.key] ?? '') !== v);
    }
  });
  return errs.length ? { errs } : { matcher: (f) => terms.every((t) => t(f)), errs };
}

/** One parsed node selector term. */
interface ParsedTerm {
  matchLabels?: Selector;
  matchFields?: FieldMatcher;
  parseErrs: string[];
}

function isEmptyNodeSelectorTerm(t: NodeSelectorTerm): boolean {
  return (t.matchExpressions ?? []).length === 0 && (t.matchFields ?? []).length === 0;
}

// Models k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go (newNodeSelectorTerm)
function newNodeSelectorTerm(t: NodeSelectorTerm, path: string): ParsedTerm {
  const out: ParsedTerm = { parseErrs: [] };
  if ((t.matchExpressions ?? []).length) {
    const r = requirementsAsSelector(t.matchExpressions!, `${path}.matchExpressions`);
    out.matchLabels = r.selector;
    out.parseErrs.push(...r.errs);
  }
  if ((t.matchFields ?? []).length) {
    const r = requirementsAsFieldSelector(t.matchFields!, `${path}.matchFields`);
    out.matchFields = r.matcher;
    out.parseErrs.push(...r.errs);
  }
  return out;
}

// Models k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go (nodeSelectorTerm.match)
function termMatches(t: ParsedTerm, labels: Labels, fields: Labels): { match: boolean; errs: string[] } {
  if (t.parseErrs.length) return { match: false, errs: t.parseErrs };
  if (t.matchLabels && !t.matchLabels.matches(labels)) return { match: false, errs: [] };
  // Upstream checks fields only when the node has any (a node with no name matches any matchFields).
  if (t.matchFields && Object.keys(fields).length > 0 && !t.matchFields(fields)) return { match: false, errs: [] };
  return { match: true, errs: [] };
}

function nodeFields(node: Node): Labels {
  return node.metadata.name ? { [ObjectNameField]: node.metadata.name } : {};
}

// Models k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go (LazyErrorNodeSelector)
/** A NodeSelector whose parse errors surface only when it is matched. */
export class LazyErrorNodeSelector {
  private readonly terms: ParsedTerm[];

  constructor(ns: NodeSelector, path = '') {
    const base = path ? `${path}.nodeSelectorTerms` : 'nodeSelectorTerms';
    this.terms = (ns.nodeSelectorTerms ?? []).flatMap((t, i) => (isEmptyNodeSelectorTerm(t) ? [] : [newNodeSelectorTerm(t, `${base}[${i}]`)]));
  }

  /** Whether any term matches the node; errors of terms that could not be parsed. */
  match(node: Node | undefined): { match: boolean; errs: string[] } {
    if (!node) return { match: false, errs: [] };
    const labels = node.metadata.labels ?? {};
    const fields = nodeFields(node);
    const errs: string[] = [];
    for (const t of this.terms) {
      const r = termMatches(t, labels, fields);
      if (r.errs.length) errs.push(...r.errs);
      else if (r.match) return { match: true, errs: [] };
    }
    return { match: false, errs };
  }
}

// Models k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go (RequiredNodeAffinity)
/** A pod's hard node constraints: spec.nodeSelector AND its required node affinity. */
export class RequiredNodeAffinity {
  constructor(
    private readonly labelSelector: Selector | undefined,
    private readonly nodeSelector: LazyErrorNodeSelector | undefined,
  ) {}

  /** Whether the node satisfies both; parse errors mean no match. */
  match(node: Node): { match: boolean; errs: string[] } {
    if (this.labelSelector && !this.labelSelector.matches(node.metadata.labels ?? {})) return { match: false, errs: [] };
    if (this.nodeSelector) return this.nodeSelector.match(node);
    return { match: true, errs: [] };
  }
}

// Models k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go (GetRequiredNodeAffinity)
/** The pod's RequiredNodeAffinity. */
export function getRequiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const ns = pod.spec?.nodeSelector;
  const selector = ns && Object.keys(ns).length > 0 ? selectorFromSet(ns) : undefined;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return new RequiredNodeAffinity(selector, required ? new LazyErrorNodeSelector(required) : undefined);
}

// Models k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go (PreferredSchedulingTerms)
/** Preferred node affinity terms: a node scores the sum of the weights of the terms it matches. */
export class PreferredSchedulingTerms {
  private constructor(private readonly terms: { term: ParsedTerm; weight: number }[]) {}

  /** NewPreferredSchedulingTerms: skips zero-weight and empty terms; throws the parse errors of invalid ones. */
  static parse(terms: readonly PreferredSchedulingTerm[], path = ''): PreferredSchedulingTerms {
    const parsed: { term: ParsedTerm; weight: number }[] = [];
    const errs: string[] = [];
    terms.forEach((t, i) => {
      if (t.weight === 0 || isEmptyNodeSelectorTerm(t.preference)) return;
      const term = newNodeSelectorTerm(t.preference, `${path}[${i}]`);
      if (term.parseErrs.length) errs.push(...term.parseErrs);
      else parsed.push({ term, weight: t.weight });
    });
    if (errs.length) throw new Error(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
    return new PreferredSchedulingTerms(parsed);
  }

  /** The sum of the weights of the terms the node matches. */
  score(node: Node): number {
    const labels = node.metadata.labels ?? {};
    const fields = nodeFields(node);
    return this.terms.reduce((sum, { term, weight }) => (termMatches(term, labels, fields).match ? sum + weight : sum), 0);
  }
}

// Models k8s.io/component-helpers/scheduling/corev1/helpers.go (MatchTopologySelectorTerms)
/** Whether the labels satisfy any topology term (no terms: everything matches). */
export function matchTopologySelectorTerms(terms: readonly TopologySelectorTerm[] | undefined, labels: Labels): boolean {
  if (!terms || terms.length === 0) return true;
  return terms.some((t) => {
    const reqs = t.matchLabelExpressions ?? [];
    if (reqs.length === 0) return false;
    return reqs.every((r) => Object.hasOwn(labels, r.key) && r.values.includes(labels[r.key]));
  });
}
