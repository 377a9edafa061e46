import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ALL_STAFF, Roles } from '../common/auth/access.decorators.js';
import { ServiceCodePipe } from './service-code.pipe.js';
import { DirectoryService } from './directory.service.js';
import { ServiceDto, UpdateServiceDto } from './dto/service.dto.js';

@ApiTags('services directory')
@ApiBearerAuth()
@Controller('api/services')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Roles(...ALL_STAFF)
  @ApiOperation({
    summary: "The organisation's back-office services",
    description: 'With the fields each may receive and how referrals reach it. Secrets are never returned.',
  })
  @ApiOkResponse({ type: [ServiceDto] })
  list(): Promise<ServiceDto[]> {
    return this.directory.list();
  }

  @Get(':code')
  @Roles(...ALL_STAFF)
  @ApiParam({ name: 'code', example: 'blue-badge' })
  @ApiOperation({ summary: 'One service of the organisation' })
  @ApiOkResponse({ type: ServiceDto })
  @ApiNotFoundResponse({ description: 'No service with this code in your organisation' })
  get(@Param('code', ServiceCodePipe) code: string): Promise<ServiceDto> {
    return this.directory.get(code);
  }

  @Patch(':code')
  @Roles('admin')
  @ApiParam({ name: 'code', example: 'blue-badge' })
  @ApiOperation({ summary: "Change a service's permitted fields, delivery or status" })
  @ApiOkResponse({ type: ServiceDto })
  @ApiNotFoundResponse({ description: 'No service with this code in your organisation' })
  update(@Param('code', ServiceCodePipe) code: string, @Body() body: UpdateServiceDto): Promise<ServiceDto> {
    return this.directory.update(code, body);
  }
}
