import { Module } from '@nestjs/common';
import { RoutingController } from './routing.controller.js';
import { TopicRouting } from './topic-routing.service.js';

/** Topic routing: keyword rules and a model learnt from advisors' decisions; suggestions only. */
@Module({ controllers: [RoutingController], providers: [TopicRouting], exports: [TopicRouting] })
export class RoutingModule {}
