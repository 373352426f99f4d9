// Field selectors, as k8s.io/apimachinery/pkg/fields. Work in progress: signatures first.

export type Fields = Record<string, string>;

export type FieldSelectionOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldSelectionOperator;
  readonly value: string;
}

export interface FieldSelector {
  matches(fields: Fields): boolean;
  empty(): boolean;
  requirements(): FieldRequirement[];
  toString(): string;
}

export function parseFieldSelector(s: string): FieldSelector {
  throw new Error(`not implemented: ${s}`);
}

export function everythingFields(): FieldSelector {
  return { matches: () => true, empty: () => true, requirements: () => [], toString: () => '' };
}
