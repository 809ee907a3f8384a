/** Who may do what (DOMAIN.md "Users"). Every role can do what `viewer` can; `admin` can do everything. */
export type Role = 'viewer' | 'determiner' | 'editor' | 'approver' | 'admin';

export const ROLES: readonly Role[] = ['viewer', 'determiner', 'editor', 'approver', 'admin'];

/** The person or system acting: `sub` of the token, or `system` for imports. */
export interface Actor {
  id: string;
  roles: readonly Role[];
}

/** True when the actor holds one of the roles an operation allows (admin always does). */
export function mayAct(actor: Actor, allowed: readonly Role[]): boolean {
  if (actor.roles.includes('admin')) return true;
  if (allowed.includes('viewer') && actor.roles.length > 0) return true;
  return actor.roles.some((role) => allowed.includes(role));
}
