import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import type { CreateSavedReplyDto, SavedReplyDto, UpdateSavedReplyDto } from './dto/saved-reply.dto.js';
import { savedReplyNotFound, savedReplyTitleTaken, unknownVariables } from './reply.errors.js';
import { replyVariablesIn, unknownReplyVariables } from './reply-variables.js';

interface SavedReplyRow {
  id: string;
  title: string;
  text: string;
  text_welsh: string | null;
  service_code: string | null;
  tags: string[];
  updated_at: Date;
}

const COLUMNS = 'id, title, text, text_welsh, service_code, tags, updated_at';

const toDto = (row: SavedReplyRow): SavedReplyDto => ({
  id: row.id,
  title: row.title,
  text: row.text,
  textWelsh: row.text_welsh,
  service: row.service_code,
  tags: row.tags,
  variables: [...new Set([...replyVariablesIn(row.text), ...replyVariablesIn(row.text_welsh ?? '')])],
  updatedAt: new Date(row.updated_at).toISOString(),
});

const normaliseTags = (tags: string[] | undefined) => [...new Set((tags ?? []).map((tag) => tag.trim().toLowerCase()).filter(Boolean))];

/** Saved replies: the organisation's own, written by supervisors and administrators, read by advisors too. */
@Injectable()
export class SavedReplies {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  list(service?: string): Promise<SavedReplyDto[]> {
    return this.db.transaction(async (m) => {
      const rows: SavedReplyRow[] = await m.query(
        `select ${COLUMNS} from saved_replies where ($1::text is null or service_code is null or service_code = $1) order by title`,
        [service ?? null],
      );
      return rows.map(toDto);
    });
  }

  get(id: string): Promise<SavedReplyDto> {
    return this.db.transaction(async (m) => toDto(await this.find(m, id)));
  }

  create(input: CreateSavedReplyDto): Promise<SavedReplyDto> {
    checkVariables(input);
    return this.db.transaction(async (m) => {
      const [row]: SavedReplyRow[] = await m
        .query(
          `insert into saved_replies (organisation_id, title, text, text_welsh, service_code, tags, created_by) values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
          [
            requestContext.tenant(),
            input.title.trim(),
            input.text,
            input.textWelsh ?? null,
            input.service ?? null,
            normaliseTags(input.tags),
            requestContext.principal()?.userId ?? null,
          ],
        )
        .catch(titleTaken);
      await this.audit.record(m, { action: 'saved_reply.create', entityType: 'saved_reply', entityId: row.id });
      return toDto(row);
    });
  }

  update(id: string, input: UpdateSavedReplyDto): Promise<SavedReplyDto> {
    checkVariables(input);
    return this.db.transaction(async (m) => {
      const current = await this.find(m, id, true);
      const [row]: SavedReplyRow[] = await m
        .query(
          `update saved_replies set title = $2, text = $3, text_welsh = $4, service_code = $5, tags = $6, updated_at = now() where id = $1 returning ${COLUMNS}`,
          [
            id,
            input.title?.trim() ?? current.title,
            input.text ?? current.text,
            input.textWelsh === undefined ? current.text_welsh : input.textWelsh,
            input.service === undefined ? current.service_code : input.service,
            input.tags === undefined ? current.tags : normaliseTags(input.tags),
          ],
        )
        .then((result: [SavedReplyRow[], number]) => result[0])
        .catch(titleTaken);
      await this.audit.record(m, {
        action: 'saved_reply.update',
        entityType: 'saved_reply',
        entityId: id,
        fields: Object.keys(input).filter((key) => input[key as keyof UpdateSavedReplyDto] !== undefined),
      });
      return toDto(row);
    });
  }

  remove(id: string): Promise<void> {
    return this.db.transaction(async (m) => {
      await this.find(m, id, true);
      await m.query(`delete from saved_replies where id = $1`, [id]);
      await this.audit.record(m, { action: 'saved_reply.delete', entityType: 'saved_reply', entityId: id });
    });
  }

  /** For a reply, inside its transaction: the text to send, Welsh when the person prefers it and there is one. */
  async forSending(m: EntityManager, id: string, language: 'en' | 'cy'): Promise<{ id: string; text: string }> {
    const row = await this.find(m, id);
    return { id: row.id, text: language === 'cy' && row.text_welsh ? row.text_welsh : row.text };
  }

  private async find(m: EntityManager, id: string, lock = false): Promise<SavedReplyRow> {
    const [row]: SavedReplyRow[] = await m.query(`select ${COLUMNS} from saved_replies where id = $1${lock ? ' for update' : ''}`, [id]);
    if (!row) throw savedReplyNotFound();
    return row;
  }
}

/** An unknown variable is refused when saving, naming it and the field it is in. */
function checkVariables(input: { text?: string; textWelsh?: string | null }): void {
  for (const [field, text] of [
    ['text', input.text],
    ['textWelsh', input.textWelsh],
  ] as const) {
    const unknown = unknownReplyVariables(text ?? '');
    if (unknown.length > 0) throw unknownVariables(field, unknown);
  }
}

function titleTaken(error: unknown): never {
  if ((error as { driverError?: { code?: string }; code?: string }).driverError?.code === '23505') throw savedReplyTitleTaken();
  throw error;
}
