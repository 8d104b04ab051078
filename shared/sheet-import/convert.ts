import type { z } from 'zod';
import type { MessageCode } from '../contract/messages';
import { EngagementInput } from '../records/engagement';
import { OperationalResultInput } from '../records/result';
import { InformationRequestInput } from '../requests/schema';
import { wallClockToInstant } from '../time/clock';
import {
  IGNORE_ROLE,
  TARGET_ROLES,
  type RoleSpec,
  type SheetMapping,
  type SheetTarget,
  type ValueKind,
} from './mapping';
import {
  channelCode,
  choiceCode,
  countryCode,
  localMoment,
  normaliseWord,
  quantityWithUnit,
  readNumber,
  splitList,
  timeOfDay,
} from './values';

// One spreadsheet row -> the fields of one record, through the mapping, then through the record's own schema
// (the same zod schema the forms and the contract use). Every problem names the column it comes from, in the
// officer's own header words, with a stable message code the window translates.

export interface RowProblem {
  /** The column's header as in the file; null for a field no column holds. */
  readonly column: string | null;
  readonly code: MessageCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface ConvertLookups {
  /** A phenomenon code for a word (a code, or an English or Dutch label of the taxonomy). */
  phenomenon(word: string): string | undefined;
  /** An organisation's id for its name (engagements). */
  organisation(name: string): string | undefined;
}

export interface ConvertContext {
  readonly mapping: SheetMapping;
  readonly headers: readonly string[];
  readonly timeZone: string;
  readonly lookups: ConvertLookups;
}

export type RowOutcome =
  | { ok: true; fields: unknown; title: string; warnings: RowProblem[] }
  | { ok: false; problems: RowProblem[]; warnings: RowProblem[] };

const SCHEMAS: Record<SheetTarget, z.ZodType> = {
  request: InformationRequestInput,
  engagement: EngagementInput,
  result: OperationalResultInput,
};

const FIELD_OF: Record<string, string> = { organisations: 'organisationIds' };
const TIME_ROLE: Record<string, string> = { exchangedAt: 'exchangedTime', occurredAt: 'occurredTime' };
/** Date-only moments are placed at noon on the post's clock: never moved to another day by a zone change. */
const DATE_ONLY_TIME = '12:00';

/** Column indexes per role, prepared once per mapping and header row. */
export interface PreparedMapping {
  readonly target: SheetTarget;
  readonly columnsOf: ReadonlyMap<string, readonly number[]>;
  readonly lookupValue: (kind: ValueKind, word: string) => string | undefined;
}

export function prepareMapping(mapping: SheetMapping, headers: readonly string[]): PreparedMapping {
  const columnsOf = new Map<string, number[]>();
  headers.forEach((header, i) => {
    const role = mapping.columns[header];
    if (!role || role === IGNORE_ROLE) return;
    const list = columnsOf.get(role) ?? [];
    list.push(i);
    columnsOf.set(role, list);
  });
  const values = new Map<ValueKind, Map<string, string>>();
  for (const [kind, words] of Object.entries(mapping.values) as [ValueKind, Record<string, string>][]) {
    values.set(kind, new Map(Object.entries(words).map(([w, code]) => [normaliseWord(w), code])));
  }
  return {
    target: mapping.target,
    columnsOf,
    lookupValue: (kind, word) => values.get(kind)?.get(normaliseWord(word)),
  };
}

export function convertRow(ctx: ConvertContext, prepared: PreparedMapping, cells: readonly string[]): RowOutcome {
  const { mapping, headers } = ctx;
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const fields: Record<string, unknown> = {};
  const noteLines: string[] = [];
  const problem = (column: string | null, code: MessageCode, params: Record<string, string | number> = {}): void => {
    problems.push({ column, code, params: { column: column ?? '', ...params } });
  };

  const roles = TARGET_ROLES[mapping.target];
  /** The role's cell (first mapped column with a value) and its header, else the mapping's default. */
  const cellOf = (role: string): { value: string; column: string | null } | undefined => {
    for (const i of prepared.columnsOf.get(role) ?? []) {
      const value = (cells[i] ?? '').trim();
      if (value !== '') return { value, column: headers[i] ?? null };
    }
    const fallback = mapping.defaults[role]?.trim();
    return fallback ? { value: fallback, column: null } : undefined;
  };

  for (const spec of roles) {
    if (spec.value.kind === 'time') continue; // read with its moment
    if (spec.value.kind === 'notes') {
      const columns = prepared.columnsOf.get(spec.role) ?? [];
      for (const i of columns) {
        const value = (cells[i] ?? '').trim();
        if (value !== '') noteLines.push(columns.length > 1 ? `${headers[i] ?? ''}: ${value}` : value);
      }
      continue;
    }
    const cell = cellOf(spec.role);
    if (!cell) continue;
    readCell(spec, cell.value, cell.column);
  }

  function readCell(spec: RoleSpec, value: string, column: string | null): void {
    const field = FIELD_OF[spec.role] ?? spec.role;
    const v = spec.value;
    switch (v.kind) {
      case 'text':
        fields[field] = value;
        return;
      case 'moment': {
        const moment = localMoment(value, mapping.dateOrder);
        if (!moment) {
          problem(column, 'sheet_import.row.date', { value });
          return;
        }
        let time = moment.time;
        const timeRole = TIME_ROLE[spec.role];
        const timeCell = timeRole ? cellOf(timeRole) : undefined;
        if (!time && timeCell) {
          time = timeOfDay(timeCell.value);
          if (!time) {
            problem(timeCell.column, 'sheet_import.row.time', { value: timeCell.value });
            return;
          }
        }
        const wall = `${moment.date}T${time ?? DATE_ONLY_TIME}`;
        const instant = instantOf(wall, ctx.timeZone);
        if (!instant.ok) {
          problem(column, 'sheet_import.row.no_such_time', { value: wall.replace('T', ' ') });
          return;
        }
        fields[field] = instant.instant;
        return;
      }
      case 'date': {
        const moment = localMoment(value, mapping.dateOrder);
        if (!moment) {
          problem(column, 'sheet_import.row.date', { value });
          return;
        }
        fields[field] = moment.date;
        return;
      }
      case 'country': {
        const code = prepared.lookupValue('country', value) ?? countryCode(value);
        if (!code) {
          problem(column, 'sheet_import.row.country', { value });
          return;
        }
        fields[field] = code;
        return;
      }
      case 'channel': {
        const code = prepared.lookupValue('channel', value) ?? channelCode(value);
        if (!code) {
          problem(column, 'sheet_import.row.channel', { value });
          return;
        }
        fields[field] = code;
        return;
      }
      case 'phenomena': {
        const codes: string[] = [];
        for (const word of splitList(value)) {
          const code = prepared.lookupValue('phenomenon', word) ?? ctx.lookups.phenomenon(word);
          if (!code) problem(column, 'sheet_import.row.phenomenon', { value: word });
          else codes.push(code);
        }
        fields[field] = codes;
        return;
      }
      case 'choice': {
        const code = prepared.lookupValue(v.vocabulary, value) ?? choiceCode(v.vocabulary, value);
        if (!code) {
          problem(column, 'sheet_import.row.choice', { value });
          return;
        }
        fields[field] = code;
        return;
      }
      case 'integer':
      case 'number': {
        const n = readNumber(value);
        if (n === undefined || (v.kind === 'integer' && !Number.isInteger(n))) {
          problem(column, 'sheet_import.row.number', { value });
          return;
        }
        fields[field] = n;
        return;
      }
      case 'quantity': {
        const q = quantityWithUnit(value);
        if (q.quantity === undefined) {
          problem(column, 'sheet_import.row.number', { value });
          return;
        }
        fields[field] = q.quantity;
        if (q.unit && fields['unit'] === undefined && !cellOf('unit')) fields['unit'] = q.unit;
        return;
      }
      case 'boolean': {
        const code = prepared.lookupValue('boolean', value) ?? choiceCode('boolean', value);
        if (!code) {
          problem(column, 'sheet_import.row.choice', { value });
          return;
        }
        fields[field] = code === 'true';
        return;
      }
      case 'organisations': {
        const ids: string[] = [];
        for (const name of value
          .split(/[;\n]/)
          .map((s) => s.trim())
          .filter(Boolean)) {
          const id = ctx.lookups.organisation(name);
          if (id) ids.push(id);
          else {
            warnings.push({
              column,
              code: 'sheet_import.row.unknown_organisation',
              params: { column: column ?? '', value: name },
            });
            noteLines.push(`${column ?? 'Partner'}: ${name}`);
          }
        }
        fields[field] = [...new Set(ids)];
        return;
      }
      default:
        return;
    }
  }

  if (noteLines.length > 0) fields['notes'] = noteLines.join('\n');

  // Required roles without a value: said per role, before the schema's own (English) words.
  const columnOfRole = (role: string): string | null => {
    const i = prepared.columnsOf.get(role)?.[0];
    return i === undefined ? null : (headers[i] ?? null);
  };
  const failed = new Set(problems.map((p) => p.column));
  for (const spec of roles) {
    if (!spec.required) continue;
    const field = FIELD_OF[spec.role] ?? spec.role;
    if (fields[field] !== undefined) continue;
    const column = columnOfRole(spec.role);
    if (column !== null && failed.has(column)) continue; // already said why
    problems.push({
      column,
      code: 'sheet_import.row.required',
      params: { column: column ?? spec.role, role: spec.role },
    });
  }
  if (problems.length > 0) return { ok: false, problems, warnings };

  const parsed = SCHEMAS[mapping.target].safeParse(fields);
  if (!parsed.success) {
    const roleOfField = (field: string) => Object.entries(FIELD_OF).find(([, f]) => f === field)?.[0] ?? field;
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      const role = roleOfField(field);
      const column = columnOfRole(role);
      const label = column ?? role;
      const code = (issue as { params?: { code?: string } }).params?.code;
      if (code === 'required' || (issue.code === 'invalid_type' && fields[field] === undefined)) {
        problems.push({ column, code: 'sheet_import.row.required', params: { column: label, role } });
      } else if (code === 'before_exchange') {
        problems.push({ column, code: 'sheet_import.row.answer_before_request', params: { column: label } });
      } else if (code === 'unit_required') {
        problems.push({ column, code: 'sheet_import.row.required', params: { column: label, role: 'unit' } });
      } else if (issue.code === 'too_big') {
        const max = (issue as { maximum?: number | bigint }).maximum;
        problems.push({ column, code: 'sheet_import.row.too_long', params: { column: label, max: Number(max ?? 0) } });
      } else {
        problems.push({ column, code: 'sheet_import.row.invalid', params: { column: label } });
      }
    }
    return { ok: false, problems: dedupe(problems), warnings };
  }
  const out = parsed.data as Record<string, unknown>;
  const title =
    typeof out['subject'] === 'string'
      ? out['subject']
      : typeof out['description'] === 'string'
        ? out['description']
        : '';
  return { ok: true, fields: out, title, warnings };
}

/** The post's wall clock as an instant, remembered: a log's rows share a few thousand days between them. */
const instants = new Map<string, ReturnType<typeof wallClockToInstant>>();
function instantOf(wall: string, timeZone: string): ReturnType<typeof wallClockToInstant> {
  const key = `${timeZone}|${wall}`;
  let out = instants.get(key);
  if (!out) {
    out = wallClockToInstant(wall, timeZone);
    if (instants.size >= 50_000) instants.clear();
    instants.set(key, out);
  }
  return out;
}

function dedupe(problems: RowProblem[]): RowProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.column ?? ''}|${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
