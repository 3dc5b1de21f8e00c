import { Identification } from '../identify/identification';

export type PolicyDecision = 'accept' | 'accept-with-warning' | 'reject';

/** Which formats an archive takes, per PUID, with a decision for everything unlisted. */
export interface FormatPolicy {
  name: string;
  formats: Record<string, PolicyDecision>;
  defaultDecision: PolicyDecision;
}

export interface PolicyEvaluation {
  decision: PolicyDecision;
  reason: string;
}

const accept = (puids: string[]): Record<string, PolicyDecision> => Object.fromEntries(puids.map((p) => [p, 'accept' as const]));

/**
 * Formats Riksarkivet's RA-FS 2009:2 names for long-term preservation: XML, plain text
 * (UTF-8, ISO 8859-1), CSV, PDF/A, TIFF, JPEG and PNG. Plain PDF is taken with a warning, since
 * only PDF/A is a preservation format; anything else is rejected. A tenant may override this.
 */
export const DEFAULT_FORMAT_POLICY: FormatPolicy = {
  name: 'RA-FS 2009:2 (Samarkiv default)',
  defaultDecision: 'reject',
  formats: {
    ...accept(['fmt/101', 'x-fmt/280']),
    ...accept(['x-fmt/111', 'x-fmt/18']),
    ...accept(['fmt/95', 'fmt/354', 'fmt/476', 'fmt/477', 'fmt/478', 'fmt/479', 'fmt/480', 'fmt/481', 'fmt/1910', 'fmt/1911', 'fmt/1912']),
    ...accept(['fmt/353', 'fmt/154', 'fmt/155', 'x-fmt/387', 'x-fmt/388', 'x-fmt/399']),
    ...accept(['fmt/41', 'fmt/42', 'fmt/43', 'fmt/44', 'fmt/112', 'fmt/645', 'x-fmt/390', 'x-fmt/391', 'x-fmt/398', 'fmt/1507']),
    ...accept(['fmt/11', 'fmt/12', 'fmt/13']),
    ...Object.fromEntries(
      ['fmt/14', 'fmt/15', 'fmt/16', 'fmt/17', 'fmt/18', 'fmt/19', 'fmt/20', 'fmt/276', 'fmt/1129'].map((p) => [p, 'accept-with-warning' as const]),
    ),
  },
};

/** Decides one identified file; the reason names the file, its format and the policy. */
export function evaluatePolicy(policy: FormatPolicy, identification: Identification): PolicyEvaluation {
  const { path, puid } = identification;
  if (puid === null) {
    return {
      decision: policy.defaultDecision,
      reason: `${path}: format not identified; policy "${policy.name}" decides ${policy.defaultDecision} for unknown formats`,
    };
  }
  const label = [identification.name, identification.version].filter((s) => s).join(' ');
  const listed = policy.formats[puid];
  const decision = listed ?? policy.defaultDecision;
  const how = listed ? `lists ${puid} as ${decision}` : `does not list ${puid}, default is ${decision}`;
  return {
    decision,
    reason: `${path}: ${puid}${label ? ` (${label})` : ''} identified by ${identification.basis}; policy "${policy.name}" ${how}`,
  };
}

const DECISIONS: readonly PolicyDecision[] = ['accept', 'accept-with-warning', 'reject'];
const PUID = /^(x-)?fmt\/\d+$/;

/**
 * Checks a policy that came from configuration or a tenant administrator; the error names
 * every problem so it can be fixed in one go.
 */
export function parseFormatPolicy(input: unknown): FormatPolicy {
  const problems: string[] = [];
  const obj = (input ?? {}) as Record<string, unknown>;
  if (typeof input !== 'object' || input === null) problems.push('policy must be an object');
  if (typeof obj.name !== 'string' || obj.name.trim() === '') problems.push('name must be a non-empty string');
  if (!DECISIONS.includes(obj.defaultDecision as PolicyDecision)) problems.push(`defaultDecision must be one of ${DECISIONS.join(', ')}`);
  const formats: Record<string, PolicyDecision> = {};
  if (typeof obj.formats !== 'object' || obj.formats === null) problems.push('formats must be an object of PUID → decision');
  else {
    for (const [puid, decision] of Object.entries(obj.formats as Record<string, unknown>)) {
      if (!PUID.test(puid)) problems.push(`"${puid}" is not a PRONOM PUID (fmt/N or x-fmt/N)`);
      else if (!DECISIONS.includes(decision as PolicyDecision)) problems.push(`${puid}: decision must be one of ${DECISIONS.join(', ')}`);
      else formats[puid] = decision as PolicyDecision;
    }
  }
  if (problems.length > 0) throw new Error(`invalid format policy: ${problems.join('; ')}`);
  return { name: obj.name as string, defaultDecision: obj.defaultDecision as PolicyDecision, formats };
}
