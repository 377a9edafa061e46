import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out, but when sent must be a proper value. `@IsOptional()` also waves `null`
 * through every other check, and a null then reached NOT NULL columns and the services' logic as a 500;
 * with this, `null` is checked (and refused, naming the field) like any other wrong value.
 */
export const IsOptionalValue = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
