import { DomainError } from '../common/errors/domain-error.js';

export enum TenancyErrorCode {
  NoticeVersionExists = 'PRIVACY_NOTICE_VERSION_EXISTS',
  InvalidBusinessHours = 'INVALID_BUSINESS_HOURS',
}

export const noticeVersionExists = (version: string) =>
  new DomainError(
    409,
    TenancyErrorCode.NoticeVersionExists,
    `Privacy notice version "${version}" is already published; publish a new version instead`,
  );

export const invalidBusinessHours = (problem: string) =>
  new DomainError(400, TenancyErrorCode.InvalidBusinessHours, `businessHours: ${problem}`);
