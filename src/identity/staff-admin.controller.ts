import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/request-context.js';
import { CreateStaffUserDto, StaffUserDto, UpdateStaffUserDto } from './dto/staff-user.dto.js';
import { StaffAdminService } from './staff-admin.service.js';

@ApiTags('staff users')
@ApiBearerAuth()
@Controller('api/users')
@Roles('admin')
export class StaffAdminController {
  constructor(private readonly staff: StaffAdminService) {}

  @Get()
  @ApiOperation({ summary: "List the organisation's staff accounts" })
  @ApiOkResponse({ type: [StaffUserDto] })
  list(): Promise<StaffUserDto[]> {
    return this.staff.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a staff account' })
  @ApiCreatedResponse({ type: StaffUserDto })
  create(@Body() body: CreateStaffUserDto, @CurrentPrincipal() principal: Principal): Promise<StaffUserDto> {
    return this.staff.create(body, principal.organisationId);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a staff account',
    description: 'Disabling, or changing role or service, ends every session of the account at once.',
  })
  @ApiOkResponse({ type: StaffUserDto })
  @ApiNotFoundResponse({ description: 'No such account in your organisation' })
  @ApiConflictResponse({ description: 'The change would leave the organisation without an active administrator (LAST_ADMIN)' })
  update(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string, @Body() body: UpdateStaffUserDto): Promise<StaffUserDto> {
    return this.staff.update(id, body);
  }
}
