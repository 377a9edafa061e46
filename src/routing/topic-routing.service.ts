import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { requestContext } from '../common/request-context.js';
import { TenantDatabase } from '../database/tenant-database.js';
import { serviceNotFound } from '../directory/directory.errors.js';
import { blendedSuggestions, modelWeight } from './blended-suggestions.js';
import { emptyCounts, modelFeatures, TopicModel } from './topic-model.js';
import { TopicSuggester, type TopicSuggestion } from './topic-suggester.js';
import { topicTokens } from './topic-text.js';
import { listServices, serviceByCode, type Service } from '../directory/service-reads.js';

/** Changes when the services' rules or the decisions change, on any instance: two index reads. */
const VERSION = `select coalesce((select max(updated_at) from services)::text, '') || '|' || coalesce((select max(decided_at) from routing_decisions)::text, '') as version`;

interface Snapshot {
  version: string;
  rules: TopicSuggester;
  model?: TopicModel;
  names: Map<string, string>;
}

export interface RoutingDecision {
  chosen: string;
  suggested: string[];
  corrected: boolean;
}

/** What an enquiry's words are, and what of the person's own details must never be learnt from them. */
const ENQUIRY_WORDS = `
  select e.description, s.name, s.postal_address, s.postcode,
         array(select i.value from data_subject_identifiers i where i.data_subject_id = s.id) as identifiers
  from enquiries e join data_subjects s on s.id = e.data_subject_id
  where e.id = $1 and e.erased_at is null`;

/**
 * Topic routing for an organisation: its services' keyword rules, blended with a model of its own confirmed
 * enquiries once it has learnt enough. Every advisor's confirmation or correction (and every escalation) is kept
 * as a routing decision beside what was suggested, and teaches the model. Only suggestions: advisors decide.
 */
@Injectable()
export class TopicRouting {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(private readonly db: TenantDatabase) {}

  async suggest(text: string, limit = 3): Promise<(TopicSuggestion & { serviceName: string })[]> {
    const snapshot = await this.db.transaction((m) => this.snapshot(m));
    return blendedSuggestions(text, snapshot.rules, snapshot.model, limit).map((suggestion) => ({
      ...suggestion,
      serviceName: snapshot.names.get(suggestion.service) ?? suggestion.service,
    }));
  }

  /**
   * Records, within the caller's transaction, that the enquiry is for `serviceCode` (an advisor's confirmation or
   * correction, or an escalation), and teaches the model its words; a later different decision moves them. The
   * words are stems of the description without the person's name, address or identifiers.
   */
  async decide(m: EntityManager, enquiryId: string, serviceCode: string, source: 'confirmed' | 'escalated'): Promise<RoutingDecision> {
    const organisationId = requestContext.tenant();
    const [existing]: { id: string; chosen: string; suggested: string[]; features: string[] }[] = await m.query(
      `select id, chosen, suggested, features from routing_decisions where enquiry_id = $1 for update`,
      [enquiryId],
    );
    if (existing?.chosen === serviceCode)
      return { chosen: serviceCode, suggested: existing.suggested, corrected: existing.suggested[0] !== serviceCode };
    const [words]: { description: string; name: string; postal_address: string | null; postcode: string | null; identifiers: string[] }[] =
      await m.query(ENQUIRY_WORDS, [enquiryId]);
    const personal = new Set(
      topicTokens([words?.name, words?.postal_address, words?.postcode, ...(words?.identifiers ?? [])].filter(Boolean).join(' ')),
    );
    const features = words ? modelFeatures(words.description, personal) : [];
    let suggested: string[];
    if (existing) {
      suggested = existing.suggested;
      await this.count(m, organisationId, existing.chosen, existing.features, -1);
      await m.query(
        `update routing_decisions set chosen = $2, corrected = $3, source = $4, features = $5, decided_by = $6, decided_at = clock_timestamp() where id = $1`,
        [existing.id, serviceCode, suggested[0] !== serviceCode, source, features, requestContext.principal()?.userId ?? null],
      );
    } else {
      const snapshot = await this.snapshot(m);
      suggested = words
        ? blendedSuggestions(words.description, snapshot.rules, snapshot.model).map((suggestion) => suggestion.service)
        : [];
      await m.query(
        `insert into routing_decisions (organisation_id, enquiry_id, suggested, chosen, corrected, source, features, decided_by, decided_at) values ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp())`,
        [
          organisationId,
          enquiryId,
          suggested,
          serviceCode,
          suggested[0] !== serviceCode,
          source,
          features,
          requestContext.principal()?.userId ?? null,
        ],
      );
    }
    await this.count(m, organisationId, serviceCode, features, 1);
    return { chosen: serviceCode, suggested, corrected: suggested[0] !== serviceCode };
  }

  /** The service a code names, or 404: what an advisor may confirm. */
  async service(m: EntityManager, serviceCode: string): Promise<Service> {
    const service = await serviceByCode(m, serviceCode);
    if (!service) throw serviceNotFound();
    return service;
  }

  /** How the suggestions fare: decisions, how often the first suggestion was right, the corrections most made. */
  async summary(): Promise<{
    decisions: number;
    corrected: number;
    firstSuggestionRight: number | null;
    trainedOn: number;
    modelWeight: number;
    corrections: { suggested: string; chosen: string; count: number }[];
  }> {
    return this.db.transaction(async (m) => {
      const [totals]: { decisions: number; corrected: number }[] = await m.query(
        `select count(*)::int as decisions, count(*) filter (where corrected)::int as corrected from routing_decisions`,
      );
      const corrections: { suggested: string; chosen: string; count: number }[] = await m.query(
        `select coalesce(suggested[1], '') as suggested, chosen, count(*)::int as count from routing_decisions where corrected group by 1, 2 order by 3 desc, 2 limit 20`,
      );
      const snapshot = await this.snapshot(m);
      const trainedOn = snapshot.model?.trainedOn ?? 0;
      return {
        decisions: totals.decisions,
        corrected: totals.corrected,
        firstSuggestionRight: totals.decisions > 0 ? Number(((totals.decisions - totals.corrected) / totals.decisions).toFixed(3)) : null,
        trainedOn,
        modelWeight: Number(modelWeight(trainedOn).toFixed(2)),
        corrections,
      };
    });
  }

  private async count(m: EntityManager, organisationId: string, serviceCode: string, features: string[], by: 1 | -1): Promise<void> {
    const tokens = ['', ...features];
    if (by > 0) {
      await m.query(
        `insert into topic_counts (organisation_id, service_code, token, documents) select $1, $2, token, 1 from unnest($3::text[]) token
         on conflict (organisation_id, service_code, token) do update set documents = topic_counts.documents + 1`,
        [organisationId, serviceCode, tokens],
      );
    } else {
      await m.query(`update topic_counts set documents = greatest(0, documents - 1) where service_code = $1 and token = any($2)`, [
        serviceCode,
        tokens,
      ]);
    }
  }

  /** The organisation's active services' rules and its model, read again only when a rule or a decision has changed. */
  private async snapshot(m: EntityManager): Promise<Snapshot> {
    const organisationId = requestContext.tenant();
    const [{ version }]: { version: string }[] = await m.query(VERSION);
    const cached = this.snapshots.get(organisationId);
    if (cached?.version === version) return cached;
    const services = await listServices(m, { active: true });
    const rows: { service_code: string; token: string; documents: number }[] = await m.query(
      `select service_code, token, documents from topic_counts where documents > 0`,
    );
    const counts = emptyCounts();
    for (const row of rows) {
      if (row.token === '') counts.documents.set(row.service_code, row.documents);
      else {
        const words = counts.words.get(row.service_code) ?? new Map<string, number>();
        words.set(row.token, row.documents);
        counts.words.set(row.service_code, words);
      }
    }
    const codes = services.map((service) => service.code);
    const snapshot: Snapshot = {
      version,
      rules: new TopicSuggester(services.map((service) => ({ service: service.code, keywords: service.routingKeywords }))),
      model: rows.length > 0 ? new TopicModel(counts, codes) : undefined,
      names: new Map(services.map((service) => [service.code, service.name])),
    };
    this.snapshots.set(organisationId, snapshot);
    return snapshot;
  }
}
