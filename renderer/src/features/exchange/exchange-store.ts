import { create } from 'zustand';
import type { ExportEntry, Identity, PostStatus } from '../../../../shared/exchange/schema';
import type { PostHistory } from '../../../../shared/handover/schema';
import { call } from '../../api/bridge';
import { problemText } from '../../i18n/lookup';

// Who this installation is (post, HQ or not yet set up) and the lists the exchange page shows.

interface ExchangeState {
  identity: Identity | null;
  /** Why the identity could not be read, or null. */
  error: string | null;
  /** Post: the exports made on this laptop, newest first. */
  history: ExportEntry[] | null;
  /** HQ: the enrolled posts and what arrived from them. */
  posts: PostStatus[] | null;
  load: () => Promise<void>;
  setIdentity: (identity: Identity) => void;
  setPosts: (posts: PostStatus[]) => void;
  loadHistory: () => Promise<void>;
  loadPosts: () => Promise<void>;
  /** HQ: each post's keys (active, replaced, revoked: who, when, why) and officers over time (issue 13, item 3). */
  histories: PostHistory[] | null;
  setHistories: (histories: PostHistory[]) => void;
  loadHistories: () => Promise<void>;
}

export const useExchange = create<ExchangeState>((set) => ({
  identity: null,
  error: null,
  history: null,
  posts: null,
  async load() {
    const result = await call('identity.get', {});
    if (result.ok) set({ identity: result.value, error: null });
    else set({ error: problemText(result.error) });
  },
  setIdentity: (identity) => set({ identity, error: null }),
  setPosts: (posts) => set({ posts }),
  async loadHistory() {
    const result = await call('exports.history', {});
    if (result.ok) set({ history: result.value });
  },
  async loadPosts() {
    const result = await call('posts.list', {});
    if (result.ok) set({ posts: result.value });
  },
  histories: null,
  setHistories: (histories) => set({ histories }),
  async loadHistories() {
    const result = await call('posts.history', {});
    if (result.ok) set({ histories: result.value });
  },
}));
