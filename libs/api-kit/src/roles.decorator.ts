import { SetMetadata } from '@nestjs/common';
import type { Role } from '#domain';

export const ROLES_KEY = 'platform:roles';
export const PUBLIC_KEY = 'platform:public';

/**
 * The roles that may call a resolver (or HTTP route), checked with `mayAct`: `viewer` admits
 * every role, `admin` is always admitted. Root resolvers without it are refused.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** An HTTP route anyone may call, without a token (health checks). Has no effect on GraphQL. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
