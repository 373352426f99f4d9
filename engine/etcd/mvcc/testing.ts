// Test helpers shared by the MVCC tests.

import { MvccError } from './errors';

/** Runs `f` and returns the MvccError it throws; fails when it throws nothing or something else. */
export function thrown(f: () => unknown): MvccError {
  try {
    f();
  } catch (e) {
    if (e instanceof MvccError) return e;
    throw e;
  }
  throw new Error('expected an MvccError');
}
