import type { TaskOptions } from '../types';
import type { TaskHandle } from './task-handle';
import type { TaskSource } from './task-ref';

/** Slots per entry: source, options, index, handle. */
const ENTRY = 4;
const SOURCE = 0;
const OPTIONS = 1;
const INDEX = 2;
const HANDLE = 3;

/**
 * A group's FIFO of tasks waiting for a concurrency slot. Flat: an entry is four slots of one
 * array (its source, options, index and handle), so that queueing a task allocates nothing and a
 * long queue is one array for the garbage collector, not an object per task (47 B per queued
 * task, against 218 B as objects: `npm run bench`, memory / queued). The first entry is read
 * through `first*`; `shift` takes it off.
 *
 * An entry whose task was cancelled while queued (`task.cancel()`) is not searched for: its
 * handle no longer names the group, and the entry is skipped when it comes first
 * (`firstWaits`) and left out of snapshots (`forEachWaiting`).
 */
export class TaskQueue {
  private slots: unknown[] = [];
  /** Where the first entry starts: it moves instead of `shift()`, which is O(n). */
  private head = 0;

  /** No entry left. */
  get empty(): boolean {
    return this.head === this.slots.length;
  }

  push(source: TaskSource<unknown>, options: TaskOptions | undefined, index: number, handle: TaskHandle<unknown> | undefined): void {
    this.slots.push(source, options, index, handle);
  }

  firstSource(): TaskSource<unknown> {
    return this.slots[this.head + SOURCE] as TaskSource<unknown>;
  }

  firstOptions(): TaskOptions | undefined {
    return this.slots[this.head + OPTIONS] as TaskOptions | undefined;
  }

  firstIndex(): number {
    return this.slots[this.head + INDEX] as number;
  }

  firstHandle(): TaskHandle<unknown> | undefined {
    return this.slots[this.head + HANDLE] as TaskHandle<unknown> | undefined;
  }

  /** Whether the first entry still waits (its task was not cancelled while queued). */
  firstWaits(owner: object): boolean {
    return waits(this.firstHandle(), owner);
  }

  /** Takes the first entry off, letting go of its source, options and handle. */
  shift(): void {
    const { slots, head } = this;
    slots[head + SOURCE] = slots[head + OPTIONS] = slots[head + HANDLE] = undefined;
    this.head = head + ENTRY;
    if (this.head === slots.length) {
      slots.length = 0;
      this.head = 0;
    } else if (this.head > 4 * 1024 && this.head * 2 > slots.length) {
      slots.splice(0, this.head); // amortised O(1) per task
      this.head = 0;
    }
  }

  /** Every entry still waiting, first to last, as (options, index). */
  forEachWaiting(owner: object, visit: (options: TaskOptions | undefined, index: number) => void): void {
    const { slots } = this;
    for (let at = this.head; at < slots.length; at += ENTRY) {
      if (waits(slots[at + HANDLE] as TaskHandle<unknown> | undefined, owner)) {
        visit(slots[at + OPTIONS] as TaskOptions | undefined, slots[at + INDEX] as number);
      }
    }
  }
}

/**
 * Whether an entry with this handle still waits in `owner`'s queue: always for an entry without
 * a handle (only a shutdown takes those off); for one with a handle, while the handle names the
 * group (a task cancelled while queued, or started, no longer does).
 */
export function waits(handle: TaskHandle<unknown> | undefined, owner: object): boolean {
  return handle === undefined || handle.group === owner;
}
