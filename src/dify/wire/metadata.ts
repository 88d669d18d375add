/** Readers for the pieces of `metadata` that both a stream's `message_end` and the REST answers carry. */
import type { RetrieverResource, Usage } from '../types';
import { type Json, nullableNum, num, optStr, str } from './json';

/** `metadata.usage` (LLMUsage), as sent. Prices are decimal strings. */
export interface WireUsage {
  prompt_tokens: number;
  prompt_unit_price?: string;
  prompt_price_unit?: string;
  prompt_price?: string;
  completion_tokens: number;
  completion_unit_price?: string;
  completion_price_unit?: string;
  completion_price?: string;
  total_tokens: number;
  total_price?: string;
  currency?: string;
  latency?: number | null;
  time_to_first_token?: number | null;
  time_to_generate?: number | null;
}

/** `metadata.usage` → {@link Usage}; prices stay strings. */
export function usageFromWire(u: Json): Usage {
  return {
    promptTokens: num(u['prompt_tokens']),
    completionTokens: num(u['completion_tokens']),
    totalTokens: num(u['total_tokens']),
    totalPrice: optStr(u['total_price']),
    currency: optStr(u['currency']),
    latency: nullableNum(u['latency']),
    timeToFirstToken: nullableNum(u['time_to_first_token']),
    timeToGenerate: nullableNum(u['time_to_generate']),
  };
}

/** One `retriever_resources[]` item → {@link RetrieverResource}. */
export function retrieverResourceFromWire(r: Json): RetrieverResource {
  return {
    position: num(r['position']),
    datasetId: optStr(r['dataset_id']),
    datasetName: optStr(r['dataset_name']),
    documentId: optStr(r['document_id']),
    documentName: str(r['document_name']),
    segmentId: optStr(r['segment_id']),
    score: nullableNum(r['score']),
    hitCount: nullableNum(r['hit_count']),
    wordCount: nullableNum(r['word_count']),
    segmentPosition: nullableNum(r['segment_position']),
    content: str(r['content']),
    title: optStr(r['title']),
    page: nullableNum(r['page']),
  };
}
