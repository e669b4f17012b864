import { describe, expect, it } from 'vitest';
import { chooseRole, isLikelyReadOnlyRole, rankRoles, roleRank } from './roleRanking';

describe('role ranking', () => {
  it('orders landing-zone permission sets from most to least privileged', () => {
    expect(rankRoles(['ReadOnly', 'Developer', 'PowerUserAccess', 'ProductionOperator', 'NetworkAdmin', 'AdministratorAccess', 'Billing', 'CustomThing'])).toEqual([
      'AdministratorAccess',
      'NetworkAdmin',
      'ProductionOperator',
      'PowerUserAccess',
      'Developer',
      'CustomThing',
      'ReadOnly',
      'Billing',
    ]);
  });
  it('does not mistake read-only admin-sounding roles for admins', () => {
    expect(roleRank('ReadOnlyAdmin')).toBe(6);
    expect(roleRank('SecurityAudit')).toBe(6);
    expect(isLikelyReadOnlyRole('ViewOnlyAccess')).toBe(true);
    expect(isLikelyReadOnlyRole('SRE-Ops')).toBe(false);
  });
  it("takes the user's choice while the account still offers it, else the most privileged", () => {
    expect(chooseRole(['ReadOnly', 'Developer', 'AdministratorAccess'])).toBe('AdministratorAccess');
    expect(chooseRole(['ReadOnly', 'ProductionOperator'])).toBe('ProductionOperator');
    expect(chooseRole(['ReadOnly', 'Developer'], 'ReadOnly')).toBe('ReadOnly');
    expect(chooseRole(['ReadOnly', 'Developer'], 'Gone')).toBe('Developer');
    expect(chooseRole([])).toBeUndefined();
  });
  it('is independent of the order AWS listed the roles in', () => {
    expect(chooseRole(['OpsB', 'OpsA'])).toBe('OpsA');
    expect(chooseRole(['OpsA', 'OpsB'])).toBe('OpsA');
  });
});
