import { checkHandlers, JobRegistryError } from './job-registry';
import { jobIdFor } from './job-queue.service';
import { JobName } from './queue-names';

describe('job handler boot check', () => {
  const all = () => new Map(Object.values(JobName).map((n) => [n, [`Svc.${n}`]]));

  it('passes when every job has exactly one handler', () => {
    expect(() => checkHandlers(all())).not.toThrow();
  });

  it('fails on a job without a handler', () => {
    const m = all();
    m.delete(JobName.TenantProvision);
    expect(() => checkHandlers(m)).toThrow(new JobRegistryError(`Job handler check failed: job "${JobName.TenantProvision}" has no handler`));
  });

  it('fails on a job with two handlers', () => {
    const m = all();
    m.set(JobName.TenantProvision, ['A.run', 'B.run']);
    expect(() => checkHandlers(m)).toThrow(/has 2 handlers \(A.run, B.run\)/);
  });

  it('derives deterministic, tenant-scoped job ids without colons', () => {
    expect(jobIdFor(JobName.TenantProvision, 'region-a', 'x:y')).toBe('tenant.provision.region-a.x_y');
  });
});
