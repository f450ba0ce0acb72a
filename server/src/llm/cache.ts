// Answers cached by hash of (model, prompt version, redacted text), least recently used first out.
import { createHash } from 'node:crypto';
import type { Issue } from './schema';

export interface CachedAnswer {
  issues: Issue[];
  invalid: number;
}

export function cacheKey(model: string, promptVersion: string, redactedText: string): string {
  return createHash('sha256').update(model).update('\u0000').update(promptVersion).update('\u0000').update(redactedText).digest('hex');
}

export class AnswerCache {
  private readonly entries = new Map<string, CachedAnswer>();
  constructor(readonly maxEntries = 256) {}

  get(key: string): CachedAnswer | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Move to the back: most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedAnswer): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
