// @ts-check
// The request log behind GET /api/log: a fixed-size ring buffer, so memory stays bounded.

/** How many requests the log keeps unless told otherwise; older ones are dropped. */
export const DEFAULT_LOG_SIZE = 200;

/**
 * `pending` until the response is sent (`completed`) or the client closes the connection
 * before that (`aborted by client`).
 * @typedef {'pending' | 'completed' | 'aborted by client'} Outcome
 */

/**
 * One request, as GET /api/log lists it. Times are milliseconds since the epoch; a pending
 * request has no `end`, `duration` or `status`; an aborted one has `status: null`.
 * @typedef {object} LogEntry
 * @property {number} id increasing, never reused (not even after `clear()`)
 * @property {string} method
 * @property {string} path
 * @property {string} [run] the run id the client tagged the request with (`?run=`), if any
 * @property {number} start
 * @property {number} [end]
 * @property {number} [duration] `end - start`, in milliseconds
 * @property {number | null} [status]
 * @property {Outcome} outcome
 */

export class RequestLog {
  /** @type {(LogEntry | undefined)[]} */
  #slots;
  /** The slot the next entry goes into. */
  #next = 0;
  #size = 0;
  #lastId = 0;
  /** @type {Set<(entry: LogEntry | undefined) => void>} */
  #listeners = new Set();

  /** @param {number} [capacity] */
  constructor(capacity = DEFAULT_LOG_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`The log size must be a positive integer, got ${capacity}.`);
    }
    this.#slots = new Array(capacity).fill(undefined);
  }

  get capacity() {
    return this.#slots.length;
  }

  get size() {
    return this.#size;
  }

  /**
   * Records a request that has just started, dropping the oldest entry when full.
   * @param {string} method
   * @param {string} path
   * @param {number} [now]
   * @param {string} [run] the run id the request was tagged with
   * @returns {LogEntry} the entry, to pass to {@link RequestLog.finish}
   */
  start(method, path, now = Date.now(), run = undefined) {
    /** @type {LogEntry} */
    const entry = { id: ++this.#lastId, method, path, ...(run === undefined ? {} : { run }), start: now, outcome: 'pending' };
    this.#slots[this.#next] = entry;
    this.#next = (this.#next + 1) % this.capacity;
    this.#size = Math.min(this.#size + 1, this.capacity);
    this.#changed(entry);
    return entry;
  }

  /**
   * Settles a pending entry (later calls are ignored). Works on entries already dropped or
   * cleared too: they simply stay out of the log.
   * @param {LogEntry} entry
   * @param {Exclude<Outcome, 'pending'>} outcome
   * @param {number | null} status
   * @param {number} [now]
   */
  finish(entry, outcome, status, now = Date.now()) {
    if (entry.outcome !== 'pending') {
      return;
    }
    entry.end = now;
    entry.duration = now - entry.start;
    entry.status = status;
    entry.outcome = outcome;
    this.#changed(entry);
  }

  /**
   * @param {string} [run] only the entries tagged with this run id
   * @returns {LogEntry[]} copies of the entries, oldest first
   */
  entries(run = undefined) {
    /** @type {LogEntry[]} */
    const list = [];
    for (let i = 0; i < this.#size; i++) {
      const entry = this.#slots[(this.#next - this.#size + i + this.capacity) % this.capacity];
      if (entry && (run === undefined || entry.run === run)) {
        list.push(copy(entry));
      }
    }
    return list;
  }

  clear() {
    this.#slots.fill(undefined);
    this.#next = 0;
    this.#size = 0;
    this.#changed(undefined);
  }

  /**
   * Calls `listener` after each change, as it happens: with the entry that started or was
   * settled, or with undefined when the log was cleared. A listener that throws is dropped
   * (the request that changed the log goes on).
   * @param {(entry: LogEntry | undefined) => void} listener
   * @returns {() => void} stops the calls
   */
  onChange(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** @param {LogEntry | undefined} entry */
  #changed(entry) {
    for (const listener of this.#listeners) {
      try {
        listener(entry);
      } catch (error) {
        this.#listeners.delete(listener);
        console.error('A request-log listener threw; it is dropped:', error);
      }
    }
  }
}

/**
 * The entry with its fields in the documented order.
 * @param {LogEntry} entry
 * @returns {LogEntry}
 */
function copy({ id, method, path, run, start, end, duration, status, outcome }) {
  const tagged = run === undefined ? {} : { run };
  return outcome === 'pending'
    ? { id, method, path, ...tagged, start, outcome }
    : { id, method, path, ...tagged, start, end, duration, status, outcome };
}
