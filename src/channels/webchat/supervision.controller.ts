import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { DomainError } from '../../common/errors/domain-error.js';
import { requestContext } from '../../common/request-context.js';
import { ResourceIdPipe } from '../../common/resource-id.pipe.js';
import { ChatTransfer } from './chat-transfer.js';
import { SupervisionBoard } from './supervision-board.js';
import { Roles } from '../../common/auth/access.decorators.js';
import { DANGER_KINDS, SAFETY_FLAGS, type DangerKind } from '../../contracts/safeguarding.js';

class SupervisedAdvisorDto {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['advisor', 'supervisor'] }) role: string;
  @ApiProperty({ enum: ['available', 'away', 'offline'], description: 'offline: no console open' }) presence: string;
  @ApiProperty() activeChats: number;
  @ApiProperty() maxConcurrentChats: number;
}

class SupervisedChatDto {
  @ApiProperty() chatId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ nullable: true }) advisorId: string | null;
  @ApiProperty({ nullable: true }) advisorName: string | null;
  @ApiProperty({ format: 'date-time' }) queuedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true }) assignedAt: string | null;
  @ApiProperty({
    enum: SAFETY_FLAGS,
    isArray: true,
    description: 'Safety rails tripped in the chat: someone may be in danger, or a likely fraud',
  })
  flags: string[];
  @ApiProperty({ enum: DANGER_KINDS, isArray: true, description: 'The kinds of danger flagged in the chat' }) dangerKinds: DangerKind[];
  @ApiProperty({ description: 'A safeguarding flag of the chat is not yet reviewed: these chats come first' }) unreviewedFlag: boolean;
}

class SupervisionDto {
  @ApiProperty({ description: 'Chats waiting for an advisor' }) waiting: number;
  @ApiProperty({ description: 'How long the longest-waiting citizen has waited, in seconds' }) longestWaitSeconds: number;
  @ApiProperty({ type: [SupervisedAdvisorDto] }) advisors: SupervisedAdvisorDto[];
  @ApiProperty({ type: [SupervisedChatDto], description: 'Chats being handled now' }) activeChats: SupervisedChatDto[];
}

class ReassignChatDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The advisor to take the chat; without it the chat goes back to the queue, keeping its place',
  })
  @IsOptional()
  @IsUUID('all', { message: 'toAdvisorId must be a staff user id' })
  toAdvisorId?: string;
}

/** What a supervisor watches: the queue, who is on and how loaded, and the chats in progress. */
@ApiTags('webchat')
@ApiBearerAuth()
@Controller('api/webchat-supervision')
@Roles('supervisor')
export class SupervisionController {
  constructor(
    private readonly board: SupervisionBoard,
    private readonly transfers: ChatTransfer,
  ) {}

  @Post('chats/:chatId/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a chat in progress to another advisor with room, or back to the queue (supervisors)' })
  @ApiNotFoundResponse({ description: 'No such chat in progress' })
  async reassign(
    @Param('chatId', new ResourceIdPipe(() => new DomainError(404, 'CHAT_NOT_FOUND', 'Chat not found'))) chatId: string,
    @Body() body: ReassignChatDto,
  ): Promise<{ chatId: string; status: string; advisorName?: string }> {
    const principal = requestContext.principal();
    if (!principal) throw new Error('reassigning needs a principal');
    return this.transfers.move(principal, chatId, body.toAdvisorId);
  }

  @Get()
  @ApiOperation({ summary: 'The live chat queue, advisors’ presence and load, and the chats in progress (supervisors)' })
  @ApiOkResponse({ type: SupervisionDto })
  overview(): Promise<SupervisionDto> {
    return this.board.read();
  }
}
