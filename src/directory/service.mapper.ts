import type { ServiceDto } from './dto/service.dto.js';
import { SHARED_FIELDS } from '../contracts/shared-fields.js';
import type { ServiceEntity } from './service.entity.js';

/** What staff see of a service: never its webhook secret. */
export function toServiceDto(service: ServiceEntity): ServiceDto {
  const delivery =
    service.deliveryType === 'webhook'
      ? { type: 'webhook' as const, url: service.webhookUrl ?? undefined, secretSet: Boolean(service.webhookSecret) }
      : service.deliveryType === 'email'
        ? { type: 'email' as const, address: service.emailAddress ?? undefined }
        : service.deliveryType === 'open311'
          ? {
              type: 'open311' as const,
              url: service.open311Url ?? undefined,
              apiKeySet: Boolean(service.open311ApiKey),
              serviceCode: service.open311ServiceCode ?? undefined,
              ...(service.open311JurisdictionId ? { jurisdictionId: service.open311JurisdictionId } : {}),
            }
          : { type: 'portal' as const };
  return {
    code: service.code,
    name: service.name,
    // In the canonical order, whatever order they were saved in.
    permittedFields: SHARED_FIELDS.filter((field) => service.permittedFields.includes(field)),
    routingKeywords: service.routingKeywords ?? [],
    receivesSpecialCategory: service.receivesSpecialCategory,
    statutory: service.statutory,
    active: service.active,
    delivery,
  };
}
