import { ModuleRef } from '@nestjs/core';
import { JobWorkerService } from './job-worker.service';

/** True in processes that run jobs (worker and all roles): they keep the repeatable-job schedules. */
export function runsWorker(moduleRef: ModuleRef): boolean {
  try {
    moduleRef.get(JobWorkerService, { strict: false });
    return true;
  } catch {
    return false;
  }
}
