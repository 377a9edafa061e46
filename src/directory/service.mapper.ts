import type { ServiceDto } from './dto/service.dto.js';
import { SHARED_FIELDS } from './shared-fields.js';
import type { ServiceEntity } from './service.entity.js';

/** What staff see of a service: never its webhook secret. */
export function toServiceDto(service: ServiceEntity): ServiceDto {
  const delivery =
    service.deliveryType === 'webhook'
      ? { type: 'webhook' as const, url: service.webhookUrl ?? undefined, secretSet: Boolean(service.webhookSecret) }
      : service.deliveryType === 'email'
        ? { type: 'email' as const, address: service.emailAddress ?? undefined }
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
