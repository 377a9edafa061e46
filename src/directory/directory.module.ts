import { Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller.js';
import { DirectoryService } from './directory.service.js';
import { ServiceRepository } from './service.repository.js';

@Module({
  controllers: [DirectoryController],
  providers: [DirectoryService, ServiceRepository],
  exports: [DirectoryService],
})
export class DirectoryModule {}
