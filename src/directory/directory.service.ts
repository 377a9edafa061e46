import { Injectable } from '@nestjs/common';
import { SecretBox } from '../common/secret-box.js';
import { deliveryFieldsMismatch, serviceNotFound } from './directory.errors.js';
import type { DeliveryDto, ServiceDto, UpdateServiceDto } from './dto/service.dto.js';
import { toServiceDto } from './service.mapper.js';
import { ServiceRepository } from './service.repository.js';

@Injectable()
export class DirectoryService {
  constructor(
    private readonly services: ServiceRepository,
    private readonly secrets: SecretBox,
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
    const updated = await this.services.updateByCode(code, (service) => {
      if (input.name !== undefined) service.name = input.name;
      if (input.permittedFields !== undefined) service.permittedFields = input.permittedFields;
      if (input.receivesSpecialCategory !== undefined) service.receivesSpecialCategory = input.receivesSpecialCategory;
      if (input.active !== undefined) service.active = input.active;
      if (input.delivery) {
        service.deliveryType = input.delivery.type;
        service.webhookUrl = input.delivery.type === 'webhook' ? (input.delivery.url ?? null) : null;
        service.webhookSecret = input.delivery.type === 'webhook' && input.delivery.secret ? this.secrets.seal(input.delivery.secret) : null;
        service.emailAddress = input.delivery.type === 'email' ? (input.delivery.address?.toLowerCase() ?? null) : null;
      }
    });
    if (!updated) throw serviceNotFound();
    return toServiceDto(updated);
  }
}

/** Each delivery type takes its own fields and no others. */
function checkDeliveryFields(delivery: DeliveryDto): void {
  const misplaced = [
    delivery.type !== 'webhook' && delivery.url !== undefined && 'url',
    delivery.type !== 'webhook' && delivery.secret !== undefined && 'secret',
    delivery.type !== 'email' && delivery.address !== undefined && 'address',
  ].filter(Boolean);
  if (misplaced.length > 0) {
    throw deliveryFieldsMismatch(`delivery.${misplaced.join(', delivery.')} does not apply to delivery type ${delivery.type}`);
  }
}
