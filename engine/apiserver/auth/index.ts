// Authentication and RBAC authorization for the apiserver: who a request is from (authn.ts,
// impersonation.ts), whether RBAC allows it (rbac.ts), the default policy (bootstrap.ts) and the
// authorization reviews kubectl auth can-i creates (can-i.ts).

export * from './user';
export * from './authn';
export * from './rbac';
export * from './bootstrap';
export * from './can-i';
