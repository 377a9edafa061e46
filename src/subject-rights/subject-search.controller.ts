import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { SubjectSearchDto, SubjectSearchResultDto } from './dto/subject-search.dto.js';
import { SubjectFinder } from './subject-finder.service.js';

@ApiTags('subject rights')
@ApiBearerAuth()
@Controller('api/subject-search')
@Roles('dpo', 'supervisor')
export class SubjectSearchController {
  constructor(private readonly finder: SubjectFinder) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Find everything held about a person',
    description:
      'Everyone in your organisation who may be the person described, each with why (`matchedOn`: `email`, `phone`, `name+dateOfBirth`, `name+postcode`, `name`, `address`) ' +
      'and what is held: their enquiries on every channel and the messages, call logs, recordings, consent records, referrals and disclosures attached. ' +
      'Phone numbers, e-mail addresses, names, addresses and postcodes match however they were written. POST, so that personal details never appear in a URL. ' +
      'The search is audited with the kinds of identifier used, never their values.',
  })
  @ApiOkResponse({ type: SubjectSearchResultDto })
  @ApiBadRequestResponse({ description: 'No name, email, phone or address; a date of birth or postcode without a name; an unknown field' })
  @ApiForbiddenResponse({ description: 'Only the DPO and supervisors search across people' })
  search(@Body() body: SubjectSearchDto): Promise<SubjectSearchResultDto> {
    return this.finder.search(body);
  }
}
