import { z } from 'zod';
import {
  CreateRequestInput,
  GetRequestInput,
  InformationRequest,
  ListRequestsInput,
  RequestPage,
  UpdateRequestInput,
} from '../requests/schema';
import { Settings, UpdateSettingsInput } from '../settings/schema';

// The IPC contract: every channel between the renderer and the backend, declared once.
// The main process registers handlers from this object only; the preload forwards only these names;
// the renderer's typed client and the test bridge are typed from it.

export const AppInfo = z.strictObject({
  version: z.string(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
});
export type AppInfo = z.output<typeof AppInfo>;

export const RecordCounts = z.strictObject({
  informationRequests: z.number().int().min(0),
});
export type RecordCounts = z.output<typeof RecordCounts>;

const NoInput = z.strictObject({}).optional();

export const contract = {
  'app.info': { input: NoInput, output: AppInfo },
  'stats.counts': { input: NoInput, output: RecordCounts },
  'settings.get': { input: NoInput, output: Settings },
  'settings.update': { input: UpdateSettingsInput, output: Settings },
  'requests.list': { input: ListRequestsInput, output: RequestPage },
  'requests.get': { input: GetRequestInput, output: InformationRequest },
  'requests.create': { input: CreateRequestInput, output: InformationRequest },
  'requests.update': { input: UpdateRequestInput, output: InformationRequest },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
