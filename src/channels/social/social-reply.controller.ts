import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Roles } from '../../common/auth/access.decorators.js';
import { ResourceIdPipe } from '../../common/resource-id.pipe.js';
import { enquiryNotFound } from '../../enquiries/enquiries.errors.js';
import { SocialIngestService } from './social-ingest.service.js';

export class SocialReplyDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) text: string;
}

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/enquiries')
export class SocialReplyController {
  constructor(private readonly social: SocialIngestService) {}

  @Post(':id/social-replies')
  @HttpCode(200)
  @Roles('advisor', 'supervisor')
  @ApiOperation({
    summary: 'Reply to the person through the social platform the enquiry came from (deprecated: use POST /api/enquiries/{id}/replies)',
    description:
      'Sends inside the request, without the job queue’s retries and delivery status. Kept for integrations written against it; ' +
      'POST /api/enquiries/{id}/replies with "channel": "social" sends the same message from the job queue.',
    deprecated: true,
  })
  @ApiOkResponse({ schema: { properties: { sent: { type: 'boolean' } } } })
  reply(@Param('id', new ResourceIdPipe(enquiryNotFound)) id: string, @Body() body: SocialReplyDto): Promise<{ sent: true }> {
    return this.social.reply(id, body.text);
  }
}
