import { Module } from '@nestjs/common';
import { WebPagesController } from './web-pages.controller.js';

@Module({ controllers: [WebPagesController] })
export class WebModule {}
