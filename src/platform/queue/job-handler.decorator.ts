import { SetMetadata } from '@nestjs/common';
import { JobName } from './queue-names';

export const JOB_HANDLER = Symbol('samarkiv:job-handler');

/** Marks a provider method as the one handler of a job; checked at boot. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);
