import { Injectable, type PipeTransform } from '@nestjs/common';
import { serviceNotFound } from './directory.errors.js';

/** A code that cannot exist answers as an unknown one does. */
@Injectable()
export class ServiceCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) || value.length > 100) throw serviceNotFound();
    return value;
  }
}
