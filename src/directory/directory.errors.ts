import { DomainError, NotFoundError } from '../common/errors/domain-error.js';

export enum DirectoryErrorCode {
  ServiceNotFound = 'SERVICE_NOT_FOUND',
  DeliveryFieldsMismatch = 'DELIVERY_FIELDS_MISMATCH',
}

export const serviceNotFound = () => new NotFoundError(DirectoryErrorCode.ServiceNotFound, 'Service');
export const deliveryFieldsMismatch = (detail: string) => new DomainError(400, DirectoryErrorCode.DeliveryFieldsMismatch, detail);
