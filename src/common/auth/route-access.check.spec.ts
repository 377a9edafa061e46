import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Controller, Get, Post } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public, Roles } from './access.decorators.js';
import { handlersWithoutAccessRule } from './route-access.check.js';

@Controller('declared')
@Roles('admin')
class DeclaredOnClass {
  @Get() list() {}
  @Post() @Roles('advisor') create() {}
}

@Controller('mixed')
class Mixed {
  @Get('open') @Public() open() {}
  @Get('forgotten') forgotten() {}
  helper() {}
}

describe('route access declarations', () => {
  const reflector = new Reflector();
  const handlers = (type: { prototype: object }) =>
    Object.getOwnPropertyNames(type.prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => (type.prototype as Record<string, (...args: unknown[]) => unknown>)[name]);

  it('accepts roles declared on the controller or on the handler', () => {
    expect(handlersWithoutAccessRule(DeclaredOnClass, handlers(DeclaredOnClass), reflector)).toEqual([]);
  });

  it('names a route handler that declares neither @Public nor @Roles, and ignores plain methods', () => {
    expect(handlersWithoutAccessRule(Mixed, handlers(Mixed), reflector)).toEqual(['Mixed.forgotten']);
  });
});
