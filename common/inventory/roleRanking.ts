// Which of an account's roles (permission sets) the inventory uses when the user has not picked
// one: the most privileged role that can still open sessions, because the same role is offered
// for connecting. Names are what landing zones call their permission sets; matching is by
// substring, case-insensitive, so "acme-AdministratorAccess" or "PlatformOperators" rank too.
//
//   0  AdministratorAccess (exactly)
//   1  *Admin*                          (NetworkAdministrator, PlatformAdmin, …)
//   2  *Operator* / *Ops*               (ProductionOperator, SRE-Ops, …)
//   3  PowerUser*                       (PowerUserAccess)
//   4  *Developer* / *Engineer*
//   5  anything else                    (a custom role we know nothing about)
//   6  ReadOnly* / ViewOnly* / *Audit*  (can describe, usually cannot start sessions)
//   7  *Billing*                        (cannot even describe instances)
//
// Ties keep the alphabetical order, so the choice never depends on the order AWS listed roles in.

export const ROLE_RANKS: ReadonlyArray<{ rank: number; test: RegExp; label: string }> = [
  { rank: 0, test: /^administratoraccess$/, label: 'AdministratorAccess' },
  { rank: 7, test: /billing/, label: 'billing only' },
  { rank: 6, test: /readonly|read-only|viewonly|view-only|audit/, label: 'read only' },
  { rank: 1, test: /admin/, label: 'administrator' },
  { rank: 2, test: /operator|(^|[^a-z])ops([^a-z]|$)|sre/, label: 'operator' },
  { rank: 3, test: /poweruser/, label: 'power user' },
  { rank: 4, test: /developer|engineer/, label: 'developer' },
];

const UNKNOWN_RANK = 5;

/** Lower is more privileged. */
export function roleRank(roleName: string): number {
  const n = roleName.toLowerCase();
  return ROLE_RANKS.find((r) => r.test.test(n))?.rank ?? UNKNOWN_RANK;
}

/** True when a role of this name can usually not start Session Manager or SSH sessions. */
export function isLikelyReadOnlyRole(roleName: string): boolean {
  return roleRank(roleName) >= 6;
}

/** Roles ordered most privileged first (alphabetical among equals). */
export function rankRoles(roles: readonly string[]): string[] {
  return [...roles].sort((a, b) => roleRank(a) - roleRank(b) || a.localeCompare(b));
}

/**
 * The role to discover (and connect) with: the user's choice while the account still offers it,
 * else the most privileged one. Undefined when the account offers no role.
 */
export function chooseRole(roles: readonly string[], preferred?: string): string | undefined {
  if (preferred && roles.includes(preferred)) return preferred;
  return rankRoles(roles)[0];
}
