// The landing zone with two kinds of refusal added, for the inventory's tests: legacy-old
// (777777777777) is reactivated with a role that may not describe EC2 (denied in every region),
// and log-archive (666666666666) gets a role that may describe EC2 but not Systems Manager (its
// rows are listed, the SSM denial reported), with one instance there: log-shipper.
import { InstanceSchema, PermissionSetSchema, type Fixture } from '../../emulator/fixture/schema';

export function withDeniedAccounts(fixture: Fixture): Fixture {
  fixture.permissionSets.push(PermissionSetSchema.parse({ name: 'BillingOnly', statements: [{ actions: ['sts:GetCallerIdentity'] }] }));
  fixture.permissionSets.push(PermissionSetSchema.parse({ name: 'Ec2Viewer', statements: [{ actions: ['ec2:Describe*'] }] }));
  fixture.accounts.find((a) => a.id === '777777777777')!.status = 'ACTIVE';
  fixture.assignments.push({ user: 'alice', account: '777777777777', permissionSets: ['BillingOnly'] });
  fixture.assignments.find((a) => a.user === 'alice' && a.account === '666666666666')!.permissionSets = ['Ec2Viewer'];
  fixture.instances.push(InstanceSchema.parse({ id: 'i-0f66666666666666a', account: '666666666666', region: 'ap-northeast-1', name: 'log-shipper', privateIp: '10.70.1.10', tags: {} }));
  return fixture;
}
