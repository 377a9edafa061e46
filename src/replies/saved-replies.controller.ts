import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators.js';
import { ResourceIdPipe } from '../common/resource-id.pipe.js';
import { CreateSavedReplyDto, ListSavedRepliesQueryDto, SavedReplyDto, UpdateSavedReplyDto } from './dto/saved-reply.dto.js';
import { savedReplyNotFound } from './reply.errors.js';
import { SavedReplies } from './saved-replies.service.js';

const SavedReplyId = new ResourceIdPipe(savedReplyNotFound);

@ApiTags('replies')
@ApiBearerAuth()
@Controller('api/saved-replies')
export class SavedRepliesController {
  constructor(private readonly saved: SavedReplies) {}

  @Get()
  @Roles('advisor', 'supervisor', 'admin')
  @ApiOperation({ summary: 'The organisation’s saved replies, by title (with `service`: those for it and those for none)' })
  @ApiOkResponse({ type: [SavedReplyDto] })
  list(@Query() query: ListSavedRepliesQueryDto): Promise<SavedReplyDto[]> {
    return this.saved.list(query.service);
  }

  @Get(':id')
  @Roles('advisor', 'supervisor', 'admin')
  @ApiOperation({ summary: 'One saved reply' })
  @ApiOkResponse({ type: SavedReplyDto })
  @ApiNotFoundResponse({ description: 'No such saved reply in your organisation' })
  get(@Param('id', SavedReplyId) id: string): Promise<SavedReplyDto> {
    return this.saved.get(id);
  }

  @Post()
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Save a reply for advisors to insert',
    description:
      'Variables ((name)), ((reference)), ((advisor)), ((organisation)) are filled when it is sent; any other is refused, named.',
  })
  @ApiCreatedResponse({ type: SavedReplyDto })
  @ApiBadRequestResponse({ description: 'A field is invalid, or the text uses an unknown variable (named)' })
  @ApiConflictResponse({ description: 'SAVED_REPLY_TITLE_TAKEN' })
  create(@Body() body: CreateSavedReplyDto): Promise<SavedReplyDto> {
    return this.saved.create(body);
  }

  @Patch(':id')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Change a saved reply (fields given only; `null` clears the Welsh text or the service)' })
  @ApiOkResponse({ type: SavedReplyDto })
  @ApiBadRequestResponse({ description: 'A field is invalid, or the text uses an unknown variable (named)' })
  @ApiNotFoundResponse({ description: 'No such saved reply in your organisation' })
  update(@Param('id', SavedReplyId) id: string, @Body() body: UpdateSavedReplyDto): Promise<SavedReplyDto> {
    return this.saved.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Delete a saved reply (replies already sent keep their text)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such saved reply in your organisation' })
  remove(@Param('id', SavedReplyId) id: string): Promise<void> {
    return this.saved.remove(id);
  }
}
