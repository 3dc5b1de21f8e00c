import { DomainError, ErrorKind, NotFoundError } from '../platform/errors/domain.error';

export enum AuthErrorCode {
  ApiClientNotFound = 'API_CLIENT_NOT_FOUND',
  ApiClientExists = 'API_CLIENT_EXISTS',
  InvalidToken = 'INVALID_TOKEN',
  InvalidApiClient = 'INVALID_API_CLIENT',
  IdentityProviderNotConfigured = 'IDENTITY_PROVIDER_NOT_CONFIGURED',
  InvalidIdentityProvider = 'INVALID_IDENTITY_PROVIDER',
  SamlRefused = 'SAML_REFUSED',
  DemoDisabled = 'DEMO_DISABLED',
  CsrfFailed = 'CSRF_FAILED',
}

export const apiClientNotFound = () => new NotFoundError(AuthErrorCode.ApiClientNotFound, 'API client not found');
export const apiClientExists = (name: string) => new DomainError(AuthErrorCode.ApiClientExists, ErrorKind.Conflict, `An API client named "${name}" exists`);
export const invalidToken = () => new DomainError(AuthErrorCode.InvalidToken, ErrorKind.Unauthenticated, 'Invalid, expired or revoked token');
export const invalidApiClient = (why: string) => new DomainError(AuthErrorCode.InvalidApiClient, ErrorKind.Invalid, why);
export const idpNotConfigured = () => new NotFoundError(AuthErrorCode.IdentityProviderNotConfigured, 'No identity provider is configured for this region');
export const invalidIdentityProvider = (why: string) => new DomainError(AuthErrorCode.InvalidIdentityProvider, ErrorKind.Invalid, why);
export const demoDisabled = () => new NotFoundError(AuthErrorCode.DemoDisabled, 'Not found');
export const csrfFailed = () => new DomainError(AuthErrorCode.CsrfFailed, ErrorKind.Forbidden, 'The form has expired or was not sent from this site; reload the page and try again');

/** Why a SAML response was refused; shown on the error page and written to the audit log. */
export class SamlRefusal extends DomainError {
  constructor(readonly reason: string) {
    super(AuthErrorCode.SamlRefused, ErrorKind.Unauthenticated, `Login refused: ${reason}`);
  }
}
