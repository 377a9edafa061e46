import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { RoutingSummaryDto, SuggestTopicDto, TopicSuggestionsDto } from './dto.js';
import { TopicRouting } from './topic-routing.service.js';

@ApiTags('routing')
@ApiBearerAuth()
@Controller('api/routing')
export class RoutingController {
  constructor(private readonly routing: TopicRouting) {}

  @Post('suggest')
  @HttpCode(200)
  @Roles('advisor', 'supervisor')
  @ApiOperation({
    summary: 'Suggest the services an enquiry is most likely for',
    description:
      'From the words and phrases each of your services lists (`routingKeywords`, editable with PATCH /api/services/:code), with UK spellings and common misspellings ' +
      'understood, blended with a model of your own organisation’s confirmed enquiries once it has learnt from 20 (naive Bayes; its share grows to 30 % at 200). ' +
      'Only a suggestion: the advisor decides (POST /api/enquiries/:id/topic). The text is not stored or logged.',
  })
  @ApiOkResponse({ type: TopicSuggestionsDto })
  async suggest(@Body() body: SuggestTopicDto): Promise<TopicSuggestionsDto> {
    return { suggestions: await this.routing.suggest(body.text) };
  }

  @Get('summary')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'How the suggestions fare: advisors’ decisions, how often the first suggestion was right, and the corrections most made',
    description: 'The corrections show which services’ keywords to add to (PATCH /api/services/:code `routingKeywords`). Counts only.',
  })
  @ApiOkResponse({ type: RoutingSummaryDto })
  summary(): Promise<RoutingSummaryDto> {
    return this.routing.summary();
  }
}
