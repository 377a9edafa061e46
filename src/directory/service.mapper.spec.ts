import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ServiceEntity } from './service.entity.js';
import { toServiceDto } from './service.mapper.js';
import { SHARED_FIELDS } from '../contracts/shared-fields.js';

function service(overrides: Partial<ServiceEntity>): ServiceEntity {
  return Object.assign(new ServiceEntity(), {
    id: 'b1a7c1d2-0000-4000-8000-000000000001',
    organisationId: 'b1a7c1d2-0000-4000-8000-000000000002',
    code: 'highways',
    name: 'Highways Service',
    permittedFields: ['name'],
    receivesSpecialCategory: false,
    deliveryType: 'portal',
    webhookUrl: null,
    webhookSecret: null,
    emailAddress: null,
    active: true,
    statutory: true,
    ...overrides,
  });
}

describe('what staff see of a service', () => {
  it('never includes the webhook secret, only whether one is set', () => {
    const dto = toServiceDto(
      service({ deliveryType: 'webhook', webhookUrl: 'https://h.example/x', webhookSecret: 'whsec_topsecretvalue' }),
    );
    expect(dto.delivery).toEqual({ type: 'webhook', url: 'https://h.example/x', secretSet: true });
    expect(JSON.stringify(dto)).not.toContain('topsecretvalue');
  });

  it('lists permitted fields in the canonical order, whatever order they were stored in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...SHARED_FIELDS]), (fields) => {
        const dto = toServiceDto(service({ permittedFields: fields }));
        expect(dto.permittedFields).toEqual(SHARED_FIELDS.filter((field) => fields.includes(field)));
      }),
    );
  });
});
