import type { Snapshot } from '../../src/playground/fake-slack/index.ts';

/** Reads the playground's GET /events stream the way the page's EventSource does. */
export interface SnapshotStream {
  /** Resolves with the first snapshot (already received or still to come) that satisfies `pred`. */
  waitFor(pred: (snapshot: Snapshot) => boolean, what: string, timeoutMs?: number): Promise<Snapshot>;
  count(): number;
  close(): void;
}

/** The stream of what `userId` sees (`?user=`), or of the page's default person without one. */
export async function openSnapshotStream(url: string, userId?: string): Promise<SnapshotStream> {
  const controller = new AbortController();
  const events = new URL('/events', url);
  if (userId !== undefined) events.searchParams.set('user', userId);
  const response = await fetch(events, { signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`GET /events answered ${response.status}`);
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    throw new Error(`GET /events is not an event stream: ${response.headers.get('content-type')}`);
  }
  const snapshots: Snapshot[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (data !== '') snapshots.push(JSON.parse(data) as Snapshot);
          for (const wake of waiters) wake();
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    count: () => snapshots.length,
    waitFor(pred, what, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = snapshots.findLast(pred);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No snapshot within ${timeoutMs} ms where ${what}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}
