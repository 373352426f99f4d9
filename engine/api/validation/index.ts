// TEMPORARY placeholder written by the lead so the apiserver can be exercised while validation is
// being written: the owner of engine/api/validation replaces this whole file with the real
// validateCreate / validateUpdate (same signatures). Nothing is validated here.
import type { KubeObject } from '../types';
import type { FieldError } from './field';

export function validateCreate(_obj: KubeObject): FieldError[] {
  return [];
}

export function validateUpdate(_obj: KubeObject, _old: KubeObject): FieldError[] {
  return [];
}
