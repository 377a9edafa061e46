import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { SecretBox, sealedFor } from '../common/secret-box.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { Settings } from '../config/settings.js';
import { checkWebhookUrl } from '../escalations/delivery/webhook-target.js';
import { deliveryFieldsMismatch, serviceNotFound } from './directory.errors.js';
import type { DeliveryDto, ServiceDto, UpdateServiceDto } from './dto/service.dto.js';
import { toServiceDto } from './service.mapper.js';
import { ServiceRepository } from './service.repository.js';

@Injectable()
export class DirectoryService {
  constructor(
    private readonly services: ServiceRepository,
    private readonly secrets: SecretBox,
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
    private readonly settings: Settings,
  ) {}

  async list(): Promise<ServiceDto[]> {
    return (await this.services.listForOrganisation()).map(toServiceDto);
  }

  async get(code: string): Promise<ServiceDto> {
    const service = await this.services.findByCode(code);
    if (!service) throw serviceNotFound();
    return toServiceDto(service);
  }

  async update(code: string, input: UpdateServiceDto): Promise<ServiceDto> {
    if (input.delivery) checkDeliveryFields(input.delivery);
    if ((input.delivery?.type === 'webhook' || input.delivery?.type === 'open311') && input.delivery.url) {
      await checkWebhookUrl(input.delivery.url, {
        requireHttps: this.settings.env.isProduction,
        allowlist: this.settings.env.SIGNPOST_WEBHOOK_ALLOWLIST ?? [],
      });
    }
    return this.db.transaction(async (m) => {
      const service = await this.services.findByCodeForUpdate(m, code);
      if (!service) throw serviceNotFound();
      const before = { permittedFields: [...service.permittedFields], deliveryType: service.deliveryType, active: service.active };
      if (input.name !== undefined) service.name = input.name;
      if (input.permittedFields !== undefined) service.permittedFields = input.permittedFields;
      if (input.routingKeywords !== undefined)
        service.routingKeywords = [...new Set(input.routingKeywords.map((keyword) => keyword.trim().toLowerCase()))];
      if (input.receivesSpecialCategory !== undefined) service.receivesSpecialCategory = input.receivesSpecialCategory;
      if (input.active !== undefined) service.active = input.active;
      if (input.statutory !== undefined) service.statutory = input.statutory;
      if (input.delivery) {
        service.deliveryType = input.delivery.type;
        service.webhookUrl = input.delivery.type === 'webhook' ? (input.delivery.url ?? null) : null;
        service.webhookSecret =
          input.delivery.type === 'webhook' && input.delivery.secret
            ? this.secrets.seal(input.delivery.secret, sealedFor.webhookSecret(service.organisationId, service.id))
            : null;
        service.emailAddress = input.delivery.type === 'email' ? (input.delivery.address?.toLowerCase() ?? null) : null;
        const open311 = input.delivery.type === 'open311';
        service.open311Url = open311 ? (input.delivery.url ?? null) : null;
        service.open311ApiKey =
          open311 && input.delivery.apiKey
            ? this.secrets.seal(input.delivery.apiKey, sealedFor.open311ApiKey(service.organisationId, service.id))
            : null;
        service.open311ServiceCode = open311 ? (input.delivery.serviceCode ?? null) : null;
        service.open311JurisdictionId = open311 ? (input.delivery.jurisdictionId ?? null) : null;
        service.webhookDisabledAt = null; // saved again: a retired endpoint gets another chance
      }
      const saved = await this.services.save(m, service);
      await this.audit.record(m, {
        action: 'service.update',
        entityType: 'service',
        entityId: service.id,
        details: {
          code,
          changed: Object.keys(input).sort(),
          permittedFields: { from: before.permittedFields, to: saved.permittedFields },
          deliveryType: { from: before.deliveryType, to: saved.deliveryType },
          active: { from: before.active, to: saved.active },
        },
      });
      return toServiceDto(saved);
    });
  }
}

/** Each delivery type takes its own fields and no others. */
function checkDeliveryFields(delivery: DeliveryDto): void {
  const misplaced = [
    delivery.type !== 'webhook' && delivery.type !== 'open311' && delivery.url !== undefined && 'url',
    delivery.type !== 'webhook' && delivery.secret !== undefined && 'secret',
    delivery.type !== 'email' && delivery.address !== undefined && 'address',
    delivery.type !== 'open311' && delivery.apiKey !== undefined && 'apiKey',
    delivery.type !== 'open311' && delivery.serviceCode !== undefined && 'serviceCode',
    delivery.type !== 'open311' && delivery.jurisdictionId !== undefined && 'jurisdictionId',
  ].filter(Boolean);
  if (misplaced.length > 0) {
    throw deliveryFieldsMismatch(`delivery.${misplaced.join(', delivery.')} does not apply to delivery type ${delivery.type}`);
  }
}
