/**
 * `message_end.metadata` pieces: `usage` (LLMUsage, prices as decimal strings quantised to 7 places like
 * Dify's PriceInfo) and `retriever_resources` (RetrievalSourceMetadata).
 */
import { createHash } from 'node:crypto';
import { pyFloat } from './pyjson';
import type { PyJson } from './pyjson';

/** A UUID-shaped id derived from a string, for data that must be the same on every run. */
export function stableUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Prices in units of 1e-7 USD; formatted like `Decimal.quantize(Decimal("0.0000001"))`. */
function decimal7(units: number): string {
  const whole = Math.floor(units / 10_000_000);
  return `${whole}.${String(units % 10_000_000).padStart(7, '0')}`;
}

export interface UsageCounts {
  promptTokens: number;
  completionTokens: number;
  latencyS: number;
  timeToFirstTokenS: number | null;
  timeToGenerateS: number | null;
}

/** gpt-4o-mini list prices: $0.15 / $0.60 per million tokens. */
export function usageOf(u: UsageCounts): PyJson {
  const promptUnits = Math.floor((u.promptTokens * 15 + 5) / 10);
  const completionUnits = u.completionTokens * 6;
  return {
    prompt_tokens: u.promptTokens,
    prompt_unit_price: '0.15',
    prompt_price_unit: '0.000001',
    prompt_price: decimal7(promptUnits),
    completion_tokens: u.completionTokens,
    completion_unit_price: '0.6',
    completion_price_unit: '0.000001',
    completion_price: decimal7(completionUnits),
    total_tokens: u.promptTokens + u.completionTokens,
    total_price: decimal7(promptUnits + completionUnits),
    currency: 'USD',
    latency: pyFloat(u.latencyS),
    time_to_first_token: u.timeToFirstTokenS === null ? null : pyFloat(u.timeToFirstTokenS),
    time_to_generate: u.timeToGenerateS === null ? null : pyFloat(u.timeToGenerateS),
  };
}

/** `LLMUsage.empty_usage()` (a chatflow run that never reached its LLM node). */
export function emptyUsage(): PyJson {
  return {
    prompt_tokens: 0,
    prompt_unit_price: '0.0',
    prompt_price_unit: '0.0',
    prompt_price: '0.0',
    completion_tokens: 0,
    completion_unit_price: '0.0',
    completion_price_unit: '0.0',
    completion_price: '0.0',
    total_tokens: 0,
    total_price: '0.0',
    currency: 'USD',
    latency: pyFloat(0),
    time_to_first_token: null,
    time_to_generate: null,
  };
}

/** A rough token count: about four characters per token. */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(Array.from(text).length / 4));
}

const DOCS = [
  {
    dataset: 'Dify Docs',
    document: 'service-api.md',
    segments: [
      'The Service API streams chat answers as server-sent events. Every frame is `data: ` followed by one JSON object and a blank line.',
      'List conversations with GET /conversations. Pass the id of the last item as last_id to get the next page.',
    ],
  },
  {
    dataset: 'Dify Docs',
    document: 'streaming.md',
    segments: ['While an answer streams, the server sends `event: ping` every ten seconds to keep proxies from closing the connection.'],
  },
];

/** One segment per document (Dify de-duplicates by dataset and document), numbered from 1. */
export function retrieverResources(retrieverFrom: string): PyJson[] {
  return DOCS.map((d, i) => {
    const seg = d.segments[0] as string;
    return {
      position: i + 1,
      dataset_id: stableUuid(`dataset:${d.dataset}`),
      dataset_name: d.dataset,
      document_id: stableUuid(`document:${d.document}`),
      document_name: d.document,
      data_source_type: 'upload_file',
      segment_id: stableUuid(`segment:${d.document}:0`),
      retriever_from: retrieverFrom,
      score: [0.8731425, 0.7712093][i] ?? 0.5,
      hit_count: 3 - i,
      word_count: seg.split(/\s+/).length,
      segment_position: 1,
      index_node_hash: createHash('sha256').update(seg).digest('hex'),
      content: seg,
      page: null,
      doc_metadata: null,
      title: d.document,
      files: null,
    };
  });
}
