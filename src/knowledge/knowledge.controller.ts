import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { ResourceIdPipe } from '../common/resource-id.pipe.js';
import type { StaffRole } from '../identity/staff-role.js';
import {
  CreateKnowledgeArticleDto,
  KnowledgeArticleDto,
  KnowledgeArticleSummaryDto,
  KnowledgeSuggestionsDto,
  SearchKnowledgeQueryDto,
  SuggestKnowledgeDto,
  UpdateKnowledgeArticleDto,
} from './dto/knowledge.dto.js';
import { knowledgeArticleNotFound } from './knowledge.errors.js';
import { KnowledgeService } from './knowledge.service.js';

const ArticleId = new ResourceIdPipe(knowledgeArticleNotFound);
/** Advisors read the knowledge base; supervisors and administrators keep it. */
const READERS: StaffRole[] = ['advisor', 'supervisor', 'admin'];
const EDITORS: StaffRole[] = ['supervisor', 'admin'];

@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('api/knowledge')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Search the knowledge base',
    description:
      'Articles containing all the words typed, in any form ("gritting" finds "grit", "collections" finds "collection"), best first: ' +
      'an article whose title has them all comes first, then by how often and how close together they appear, title words counting most, then tags, then body. ' +
      'Without `q`, the most recently updated articles. Archived articles are never listed. Each comes with a plain-text snippet of the body around the matching words ' +
      'and where those words are in it; `overdueForReview` flags guidance past its review date.',
  })
  @ApiOkResponse({ type: [KnowledgeArticleSummaryDto] })
  @ApiBadRequestResponse({ description: 'A bad parameter, named' })
  search(@Query() query: SearchKnowledgeQueryDto): Promise<KnowledgeArticleSummaryDto[]> {
    return this.knowledge.search(query);
  }

  @Get('review-due')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Articles past their review date, longest overdue first',
    description: 'Check each one, then set a new `reviewOn` (PATCH) or archive it.',
  })
  @ApiOkResponse({ type: [KnowledgeArticleSummaryDto] })
  reviewDue(): Promise<KnowledgeArticleSummaryDto[]> {
    return this.knowledge.reviewDue();
  }

  @Post('suggest')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Suggest articles for an enquiry’s words',
    description:
      'Up to 3 articles sharing the most meaningful words with the text (any of them, in any form), best first: the advisor console shows them beside the enquiry. ' +
      'Numbers, references and everyday words are ignored. The text is used for this search only: it is neither stored nor logged.',
  })
  @ApiOkResponse({ type: KnowledgeSuggestionsDto })
  async suggest(@Body() body: SuggestKnowledgeDto): Promise<KnowledgeSuggestionsDto> {
    return { suggestions: await this.knowledge.suggest(body.text) };
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'One article in full',
    description: 'Archived articles too, so that an enquiry resolved with one can still be read alongside it.',
  })
  @ApiOkResponse({ type: KnowledgeArticleDto })
  @ApiNotFoundResponse({ description: 'No such article in your organisation' })
  get(@Param('id', ArticleId) id: string): Promise<KnowledgeArticleDto> {
    return this.knowledge.get(id);
  }

  @Post()
  @Roles(...EDITORS)
  @ApiOperation({ summary: 'Write a new article', description: 'Plain text only: whatever is written is shown as written, never as HTML.' })
  @ApiCreatedResponse({ type: KnowledgeArticleDto })
  @ApiBadRequestResponse({ description: 'A missing or bad field, or a service your organisation does not have, named' })
  create(@Body() body: CreateKnowledgeArticleDto): Promise<KnowledgeArticleDto> {
    return this.knowledge.create(body);
  }

  @Patch(':id')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Change an article',
    description: 'Only the fields given change; `service: null` removes the service. A new `reviewOn` records that it was checked.',
  })
  @ApiOkResponse({ type: KnowledgeArticleDto })
  @ApiNotFoundResponse({ description: 'No such article in your organisation' })
  @ApiConflictResponse({ description: 'The article has been archived' })
  update(@Param('id', ArticleId) id: string, @Body() body: UpdateKnowledgeArticleDto): Promise<KnowledgeArticleDto> {
    return this.knowledge.update(id, body);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Archive an article',
    description:
      'It is no longer found or suggested, nor can it be named when resolving or referring an enquiry; it is kept for the enquiries that used it.',
  })
  @ApiOkResponse({ type: KnowledgeArticleDto })
  @ApiNotFoundResponse({ description: 'No such article in your organisation' })
  @ApiConflictResponse({ description: 'Archived already' })
  archive(@Param('id', ArticleId) id: string): Promise<KnowledgeArticleDto> {
    return this.knowledge.archive(id);
  }
}
