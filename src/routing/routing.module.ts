import { Module } from '@nestjs/common';
import { RoutingController } from './routing.controller.js';

@Module({ controllers: [RoutingController] })
export class RoutingModule {}
