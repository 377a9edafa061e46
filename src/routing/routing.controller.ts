import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { ServiceEntity } from '../directory/service.entity.js';
import { SuggestTopicDto, TopicSuggestionsDto } from './dto.js';
import { TopicSuggester } from './topic-suggester.js';

@ApiTags('routing')
@ApiBearerAuth()
@Controller('api/routing')
@Roles('advisor', 'supervisor')
export class RoutingController {
  constructor(private readonly db: TenantDatabase) {}

  @Post('suggest')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Suggest the services an enquiry is most likely for',
    description:
      'From the words and phrases each of your services lists (`routingKeywords`, editable with PATCH /api/services/:code), ' +
      'with UK spellings and common misspellings understood. Only a suggestion: the advisor decides. The text is not stored or logged.',
  })
  @ApiOkResponse({ type: TopicSuggestionsDto })
  async suggest(@Body() body: SuggestTopicDto): Promise<TopicSuggestionsDto> {
    const services = await this.db.transaction((m) => m.find(ServiceEntity, { where: { active: true }, select: { code: true, name: true, routingKeywords: true } }));
    const names = new Map(services.map((service) => [service.code, service.name]));
    const suggester = new TopicSuggester(services.map((service) => ({ service: service.code, keywords: service.routingKeywords })));
    return { suggestions: suggester.suggest(body.text).map((suggestion) => ({ ...suggestion, serviceName: names.get(suggestion.service) ?? suggestion.service })) };
  }
}
