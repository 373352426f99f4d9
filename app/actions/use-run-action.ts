// Binds runAction to the store and cluster connection the component tree was given.
import { useCallback, useMemo } from 'react';
import { useConnection } from '../cluster/react';
import { useAppStoreApi } from '../store/react';
import { runAction, type Action, type ActionEnv } from './registry';

/** The store and connection from context, as runAction wants them (stable across renders). */
export function useActionEnv(): ActionEnv {
  const store = useAppStoreApi();
  const connection = useConnection();
  return useMemo(() => ({ store, connection }), [store, connection]);
}

/** A stable `run(action, arg)` for buttons, menus and drop handlers. */
export function useRunAction(): <Arg>(action: Action<Arg>, arg: Arg) => Promise<unknown> {
  const env = useActionEnv();
  return useCallback(<Arg>(action: Action<Arg>, arg: Arg) => runAction(env, action, arg), [env]);
}
