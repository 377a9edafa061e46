import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { DomainError } from '../../common/errors/domain-error.js';
import { requestContext } from '../../common/request-context.js';
import { ResourceIdPipe } from '../../common/resource-id.pipe.js';
import { ChatRelay } from './chat-relay.js';
import { ChatService } from './chat.service.js';
import { Roles } from '../../common/auth/access.decorators.js';
import { TenantDatabase } from '../../database/tenant-database.js';
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
  @ApiProperty({ enum: SAFETY_FLAGS, isArray: true, description: 'Safety rails tripped in the chat: someone may be in danger, or a likely fraud' })
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
  @ApiPropertyOptional({ format: 'uuid', description: 'The advisor to take the chat; without it the chat goes back to the queue, keeping its place' })
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
    private readonly db: TenantDatabase,
    private readonly chats: ChatService,
    private readonly relay: ChatRelay,
  ) {}

  @Post('chats/:chatId/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a chat in progress to another advisor with room, or back to the queue (supervisors)' })
  @ApiNotFoundResponse({ description: 'No such chat in progress' })
  async reassign(@Param('chatId', new ResourceIdPipe(() => new DomainError(404, 'CHAT_NOT_FOUND', 'Chat not found'))) chatId: string, @Body() body: ReassignChatDto): Promise<{ chatId: string; status: string; advisorName?: string }> {
    const principal = requestContext.principal();
    if (!principal) throw new Error('reassigning needs a principal');
    const moved = await this.chats.transfer(principal, chatId, body.toAdvisorId);
    this.relay.leaveAllAdvisors(chatId);
    if (moved.advisorName && body.toAdvisorId) {
      this.relay.joinAdvisor(body.toAdvisorId, chatId);
      this.relay.toChat(chatId, 'chat:assigned', { advisorName: moved.advisorName });
    }
    await this.relay.queueChanged(principal.organisationId);
    return moved;
  }

  @Get()
  @ApiOperation({ summary: 'The live chat queue, advisors’ presence and load, and the chats in progress (supervisors)' })
  @ApiOkResponse({ type: SupervisionDto })
  overview(): Promise<SupervisionDto> {
    return this.db.transaction(async (m) => {
      const [queue]: { waiting: number; longest: number | null }[] = await m.query(
        `select count(*)::int as waiting, extract(epoch from now() - min(queued_at))::int as longest from chats where status = 'queued'`,
      );
      const advisors: { id: string; display_name: string; role: string; presence: string | null; active: number; max_concurrent_chats: number }[] = await m.query(
        `select staff.id, staff.display_name, staff.role, presence.status as presence, staff.max_concurrent_chats,
                (select count(*)::int from chats where chats.advisor_id = staff.id and chats.status = 'active') as active
           from staff_users staff left join advisor_presence presence on presence.user_id = staff.id and presence.connections > 0
          where staff.role in ('advisor', 'supervisor') and not staff.disabled
          order by presence.status nulls last, staff.display_name`,
      );
      // Chats with a safeguarding flag nobody has reviewed come first.
      const chats: { id: string; reference: string; advisor_id: string | null; display_name: string | null; queued_at: Date; assigned_at: Date | null; flags: string[]; danger_kinds: DangerKind[]; unreviewed: boolean }[] = await m.query(
        `select chats.id, enquiries.reference, chats.advisor_id, staff.display_name, chats.queued_at, chats.assigned_at,
                array(select distinct e.metadata->>'kind' from enquiry_events e where e.enquiry_id = chats.enquiry_id and e.metadata->>'event' = 'safety_flag' and e.metadata->>'chatId' = chats.id::text) as flags,
                array(select distinct k from safeguarding_flags g, unnest(g.kinds) k where g.chat_id = chats.id order by k) as danger_kinds,
                exists (select 1 from safeguarding_flags g where g.chat_id = chats.id and g.status = 'open') as unreviewed
           from chats join enquiries on enquiries.id = chats.enquiry_id left join staff_users staff on staff.id = chats.advisor_id
          where chats.status = 'active' order by unreviewed desc, chats.assigned_at limit 500`,
      );
      return {
        waiting: queue.waiting,
        longestWaitSeconds: queue.longest ?? 0,
        advisors: advisors.map((row) => ({
          id: row.id,
          displayName: row.display_name,
          role: row.role,
          presence: row.presence ?? 'offline',
          activeChats: row.active,
          maxConcurrentChats: row.max_concurrent_chats,
        })),
        activeChats: chats.map((row) => ({
          chatId: row.id,
          reference: row.reference,
          advisorId: row.advisor_id,
          advisorName: row.display_name,
          queuedAt: row.queued_at.toISOString(),
          assignedAt: row.assigned_at?.toISOString() ?? null,
          flags: row.flags,
          dangerKinds: row.danger_kinds,
          unreviewedFlag: row.unreviewed,
        })),
      };
    });
  }
}
