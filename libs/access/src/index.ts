// Who may see what: roles, the actor written into audit records, and the caller's scope with the
// SQL conditions that keep every query inside it. Below audit and identity, so both can use it.
export * from './roles';
export * from './access-scope';
export * from './customer-filter';
export * from './scope-sql';
export * from './role-labels';
export * from './engagement-visibility';
export * from './capabilities';
