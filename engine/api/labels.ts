// Label selectors, as k8s.io/apimachinery/pkg/labels. Work in progress: signatures first.

export type Labels = Record<string, string>;

export type SelectionOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: SelectionOperator;
  readonly values: readonly string[];
}

export interface Selector {
  matches(labels: Labels | undefined): boolean;
  empty(): boolean;
  toString(): string;
  requirements(): { requirements: readonly Requirement[]; selectable: boolean };
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

class Everything implements Selector {
  matches(): boolean {
    return true;
  }
  empty(): boolean {
    return true;
  }
  toString(): string {
    return '';
  }
  requirements() {
    return { requirements: [], selectable: true };
  }
}

class Nothing implements Selector {
  matches(): boolean {
    return false;
  }
  empty(): boolean {
    return false;
  }
  toString(): string {
    return '';
  }
  requirements() {
    return { requirements: [], selectable: false };
  }
}

export function everything(): Selector {
  return new Everything();
}

export function nothing(): Selector {
  return new Nothing();
}

export function parseSelector(s: string): Selector {
  if (s.trim() === '') return everything();
  throw new Error('not implemented');
}

export function selectorFromSet(set: Labels | undefined | null): Selector {
  if (!set || Object.keys(set).length === 0) return everything();
  throw new Error('not implemented');
}

export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): Selector {
  if (ls === null || ls === undefined) return nothing();
  throw new Error('not implemented');
}

export function formatLabels(m: Labels | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${m![k]}`).join(',');
}
