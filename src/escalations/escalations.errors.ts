import { DomainError, NotFoundError } from '../common/errors/domain-error.js';

export enum EscalationErrorCode {
  NotFound = 'ESCALATION_NOT_FOUND',
  ServiceInactive = 'SERVICE_INACTIVE',
  EndpointDisabled = 'SERVICE_ENDPOINT_DISABLED',
  SpecialCategoryNotPermitted = 'SPECIAL_CATEGORY_NOT_PERMITTED',
  IllegalEscalationStep = 'ILLEGAL_ESCALATION_STEP',
  NotDeadLettered = 'NOT_DEAD_LETTERED',
}

export const escalationNotFound = () => new NotFoundError(EscalationErrorCode.NotFound, 'Escalation');
export const serviceInactive = () =>
  new DomainError(409, EscalationErrorCode.ServiceInactive, 'That service is not taking escalations (inactive)');
export const endpointDisabled = () =>
  new DomainError(
    409,
    EscalationErrorCode.EndpointDisabled,
    "The service's webhook answered 410 Gone; an administrator must save its delivery settings again",
  );
export const specialCategoryNotPermitted = () =>
  new DomainError(
    409,
    EscalationErrorCode.SpecialCategoryNotPermitted,
    'This enquiry holds special category data and that service may not receive it: remove the special requirements, or choose another service',
  );
export const illegalEscalationStep = (from: string, to: string) =>
  new DomainError(409, EscalationErrorCode.IllegalEscalationStep, `An escalation that is ${from} cannot become ${to}`);
export const notDeadLettered = () =>
  new DomainError(409, EscalationErrorCode.NotDeadLettered, 'Only a dead-lettered delivery can be replayed');
