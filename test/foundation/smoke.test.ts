import { Agency, Purpose, Role } from '@hub/shared';
import { queryAs } from '../support/client';

const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, purpose: Purpose.CASE_COORDINATION };

test('a coordinator reads the caseload through the gateway, with a request id', async () => {
  const response = await queryAs<{ victims: { totalCount: number } }>(coordinator, '{ victims(first: 1) { totalCount } }');
  expect(response.errors).toBeUndefined();
  expect(response.data?.victims.totalCount).toBeGreaterThan(250);
  expect(response.requestId).toMatch(/^[0-9a-f-]{36}$/);
});
