import { Module } from '@nestjs/common';
import { KnowledgeController } from './knowledge.controller.js';
import { KnowledgeRepository } from './knowledge.repository.js';
import { KnowledgeService } from './knowledge.service.js';

/** The knowledge base: articles, full-text search and suggestions, review dates; enquiries and escalations name articles through KnowledgeService. */
@Module({ controllers: [KnowledgeController], providers: [KnowledgeService, KnowledgeRepository], exports: [KnowledgeService] })
export class KnowledgeModule {}
