import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { ResourceIdPipe } from '../common/resource-id.pipe.js';
import { LinkedSubjectDto, LinkSubjectDto, MergedEnquiryDto, MergeEnquiryDto, PersonAtAGlanceDto } from './dto/person.dto.js';
import { enquiryNotFound } from './enquiries.errors.js';
import { EnquiryLinkingService } from './enquiry-linking.service.js';
import { PersonAtAGlanceService } from './person-at-a-glance.service.js';

const EnquiryId = new ResourceIdPipe(enquiryNotFound);

/** The person at a glance beside an enquiry, and the advisor's corrections: linking the right person, merging a duplicate. */
@ApiTags('enquiries')
@ApiBearerAuth()
@Controller('api/enquiries/:id')
@Roles('advisor', 'supervisor')
export class EnquiryPersonController {
  constructor(
    private readonly person: PersonAtAGlanceService,
    private readonly linking: EnquiryLinkingService,
  ) {}

  @Get('person')
  @ApiOperation({
    summary: 'The person at a glance (the read is audited)',
    description:
      'For the person the enquiry is about: their earlier contact with your organisation (reference, channel, date, status, how it ended; newest first, at most 20, this enquiry left out), ' +
      'open enquiries about them or about the same address (the normalised address key), and other people held who may be them, with the kinds of field that agree. ' +
      'Nothing of another organisation. Link a possible match with POST /api/enquiries/:id/link-subject: nothing is merged automatically.',
  })
  @ApiOkResponse({ type: PersonAtAGlanceDto })
  @ApiNotFoundResponse()
  glance(@Param('id', EnquiryId) id: string): Promise<PersonAtAGlanceDto> {
    return this.person.glance(id);
  }

  @Post('link-subject')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the enquiry against another person (a possible match the advisor confirmed)',
    description:
      'Its consent records and the disclosures of its data follow it; the person linked gains the earlier record’s phone numbers and e-mail addresses, which keeps its own. ' +
      'On the timeline and audited. 404 DATA_SUBJECT_NOT_FOUND for a person not of your organisation; 409 ENQUIRY_ERASED, ENQUIRY_ALREADY_MERGED, DATA_SUBJECT_ALREADY_LINKED, ' +
      'DATA_SUBJECT_ERASED, PERSON_ON_LEGAL_HOLD (a hold on the earlier person keeps the enquiry), PROCESSING_RESTRICTED or CONSENT_WITHDRAWN.',
  })
  @ApiOkResponse({ type: LinkedSubjectDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  linkSubject(@Param('id', EnquiryId) id: string, @Body() body: LinkSubjectDto): Promise<LinkedSubjectDto> {
    return this.linking.linkSubject(id, body.dataSubjectId.toLowerCase());
  }

  @Post('merge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Merge this duplicate into another open enquiry',
    description:
      'This enquiry is closed as merged (mergedInto, when, by whom); its events stay with it and show on the other enquiry’s timeline marked `mergedFrom`. Both are audited. ' +
      '404 when either is not of your organisation; 422 MERGE_INTO_ITSELF; 409 ENQUIRY_ALREADY_MERGED, ENQUIRY_CLOSED, MERGE_TARGET_CLOSED, ENQUIRY_ERASED, PROCESSING_RESTRICTED or CONSENT_WITHDRAWN. ' +
      'A legal hold does not stop a merge: nothing is moved or removed.',
  })
  @ApiOkResponse({ type: MergedEnquiryDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse()
  merge(@Param('id', EnquiryId) id: string, @Body() body: MergeEnquiryDto): Promise<MergedEnquiryDto> {
    return this.linking.merge(id, body.intoEnquiryId.toLowerCase());
  }
}
