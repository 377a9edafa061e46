import { Injectable, type PipeTransform } from '@nestjs/common';
import type { DomainError } from './errors/domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that cannot exist answers exactly as an unknown one does (404, same body). */
@Injectable()
export class ResourceIdPipe implements PipeTransform<string, string> {
  constructor(private readonly notFound: () => DomainError) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw this.notFound();
    return value.toLowerCase();
  }
}
