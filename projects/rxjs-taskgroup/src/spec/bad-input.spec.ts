/**
 * Bad input (rules 5 and 9 of docs/contract.md), one test per row: non-task arguments, factories
 * that return junk or throw, bad options and their limits, typos in options, cleanups and teardowns
 * that throw, sources that misbehave, thrown values that are not Errors. For each: the error names
 * the problem and the argument, and nothing else is lost — every other task's result or error is
 * still reported (through handles, settle outcomes, or the full TaskGroupError membership), and
 * nothing leaks to `config.onUnhandledError`. An already-aborted signal is not bad input but rule 6
 * (group-cancel, task-group and cancel-siblings-on-error); a teardown that throws while its task
 * is cancelled by a failure is rule 4 (group-shutdown).
 */
import { concat, config, from, NEVER, Observable, of, throwError, type ObservableInput } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  cancelSiblingsOnError,
  forkJoinTasks,
  task,
  taskGroup,
  TaskCancelledError,
  TaskGroupError,
  TaskStateError,
  withTaskGroup,
  withTimeout,
  type Task,
  type TaskEvent,
  type TaskInput,
  type TaskOutcome,
} from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

interface Seen {
  frame: number;
  kind: 'next' | 'error' | 'complete';
  value?: unknown;
}

/** Subscribes now and records every notification with its frame. */
function watch(testScheduler: TestScheduler, source: Observable<unknown>): Seen[] {
  const seen: Seen[] = [];
  source.subscribe({
    next: value => seen.push({ frame: testScheduler.now(), kind: 'next', value }),
    error: (value: unknown) => seen.push({ frame: testScheduler.now(), kind: 'error', value }),
    complete: () => seen.push({ frame: testScheduler.now(), kind: 'complete' }),
  });
  return seen;
}

/** The operators' source: each value a task. */
const tasks = (...inputs: TaskInput<string>[]): Observable<TaskInput<string>> => from(inputs);

/** The only member of a TaskGroupError. */
function onlyMember(error: unknown): unknown {
  expect(error).toBeInstanceOf(TaskGroupError);
  expect((error as TaskGroupError).errors.length).withContext('members').toBe(1);
  return (error as TaskGroupError).errors[0];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : `(not an Error: ${String(error)})`;
}

describe('bad input: the error names the problem, and nothing else is lost (rules 5, 9)', () => {
  let testScheduler: TestScheduler;
  let unhandled: unknown[];
  const savedOnUnhandledError = config.onUnhandledError;
  beforeEach(() => {
    testScheduler = taskGroupTestScheduler();
    unhandled = [];
    config.onUnhandledError = error => unhandled.push(error);
  });
  afterEach(() => {
    config.onUnhandledError = savedOnUnhandledError;
    expect(unhandled).withContext('errors that reached config.onUnhandledError').toEqual([]);
  });

  describe('createTask with something that is not a task', () => {
    const rows: [string, unknown, RegExp][] = [
      ['null', null, /^createTask: expected an Observable, a Promise, an array or iterable, or a function returning one; got null$/],
      ['undefined', undefined, /^createTask: expected an Observable.*; got undefined$/],
      ['42', 42, /^createTask: expected an Observable.*; got 42$/],
      ['{}', {}, /^createTask: expected an Observable.*; got .*Object.*$/],
      ["'text'", 'text', /^createTask: a string is not a task .*wrap a value in of/],
    ];
    for (const [label, input, message] of rows) {
      it(`createTask(${label}) throws a TypeError naming it and starts nothing; the tasks before and after run to their end`, () => {
        testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
          const a = cold('--a|');
          const b = cold('---b|');
          const handles: Task<string>[] = [];
          const events: string[] = [];
          let thrown: unknown;
          expectObservable(withTaskGroup(tg => {
            handles.push(tg.createTask(a));
            try {
              tg.createTask(input as TaskInput<string>);
            } catch (error) {
              thrown = error;
            }
            handles.push(tg.createTask(b));
          }, { onEvent: e => e.type !== 'value' && events.push(`${e.type}${e.task ? ` ${e.task.name}` : ''}`) })).toBe('----|');
          expectSubscriptions(a.subscriptions).toBe('^--!');
          expectSubscriptions(b.subscriptions).toBe('^---!');
          flush();
          expect(thrown).toBeInstanceOf(TypeError);
          expect(messageOf(thrown)).toMatch(message);
          expect(handles.map(h => h.result())).toEqual(['a', 'b']);
          // The refused argument got no event: nothing was started, queued or cancelled for it.
          expect(events).toEqual(['started task-0', 'started task-1', 'completed task-0', 'completed task-1', 'group-finished']);
        });
      });
    }

    // `index` is the creation order in its group, from 0: a refused createTask created nothing.
    it('a refused createTask does not use up an index: the next task is index 1', () => {
      testScheduler.run(({ flush }) => {
        let next!: Task<number>;
        withTaskGroup(tg => {
          tg.createTask(of(0));
          expect(() => tg.createTask(null as unknown as TaskInput<number>)).toThrowError(TypeError);
          next = tg.createTask(of(1));
        }).subscribe();
        flush();
        expect([next.index, next.name]).toEqual([1, 'task-1']);
      });
    });

    // A source value of taskGroup that is not a task: task-group.spec.ts, 'task inputs'.
  });

  describe('a factory that returns something that is not an ObservableInput', () => {
    const rows: [string, unknown, RegExp][] = [
      ['42', 42, /^task "task-1": its factory returned 42, which is not an ObservableInput/],
      ['undefined', undefined, /^task "task-1": its factory returned undefined, which is not an ObservableInput/],
      ['null', null, /^task "task-1": its factory returned null, which is not an ObservableInput/],
      ["'text'", 'text', /^task "task-1": its factory returned "text", which is not an ObservableInput/],
      ['{}', {}, /^task "task-1": its factory returned .*Object.*, which is not an ObservableInput/],
    ];
    for (const [label, returned, message] of rows) {
      it(`returning ${label}: that task is rejected with a TypeError naming it; its siblings' outcomes are reported (settle)`, () => {
        testScheduler.run(({ cold, flush }) => {
          const seen = watch(testScheduler, tasks(cold('--a|'), () => returned as ObservableInput<string>, cold('---b|'))
            .pipe(taskGroup({ settle: true })));
          flush();
          expect(seen.map(s => [s.frame, s.kind])).toEqual([[4, 'next'], [4, 'complete']]);
          const [first, bad, last] = seen[0].value as TaskOutcome<string>[];
          expect(first).toEqual({ status: 'fulfilled', value: 'a' });
          expect(last).toEqual({ status: 'fulfilled', value: 'b' });
          expect(bad.status).toBe('rejected');
          const reason = (bad as { reason: unknown }).reason;
          expect(reason).toBeInstanceOf(TypeError);
          expect(messageOf(reason)).toMatch(message);
        });
      });
    }

    it('in withTaskGroup: the group fails with that TypeError only; its handle reports it; the sibling is cancelled', () => {
      testScheduler.run(({ cold, expectSubscriptions, flush }) => {
        const a = cold('--a|');
        let sibling!: Task<string>;
        let bad!: Task<string>;
        const seen = watch(testScheduler, withTaskGroup(tg => {
          sibling = tg.createTask(a);
          bad = tg.createTask(() => 42 as unknown as ObservableInput<string>);
        }));
        expectSubscriptions(a.subscriptions).toBe('(^!)');
        flush();
        expect(seen.map(s => [s.frame, s.kind])).toEqual([[0, 'error']]);
        const member = onlyMember(seen[0].value);
        expect(messageOf(member)).toMatch(/^task "task-1": its factory returned 42, which is not an ObservableInput/);
        expect(bad.exception()).toBe(member);
        expect(sibling.cancelled()).toBeTrue();
        expect(() => sibling.result()).toThrowMatching(e => e instanceof TaskCancelledError && e.reason === member);
      });
    });
  });

  describe('a factory that throws', () => {
    it('the task is rejected with exactly what it threw; its siblings are reported (settle)', () => {
      testScheduler.run(({ cold, flush }) => {
        const error = new RangeError('factory broke');
        const seen = watch(testScheduler, tasks(cold('--a|'), () => {
          throw error;
        }, cold('---b|')).pipe(taskGroup({ settle: true })));
        flush();
        expect(seen.map(s => [s.frame, s.kind])).toEqual([[4, 'next'], [4, 'complete']]);
        expect(seen[0].value).toEqual([
          { status: 'fulfilled', value: 'a' },
          { status: 'rejected', reason: error },
          { status: 'fulfilled', value: 'b' },
        ]);
        expect((seen[0].value as { reason?: unknown }[])[1].reason).toBe(error);
      });
    });

    it('in withTaskGroup (rule 2): the task fails with it, not cancelled; the group fails with it, the only member; the sibling is cancelled with it as reason', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const error = new RangeError('factory broke');
        const a = cold('--a|');
        let sibling!: Task<string>;
        let failing!: Task<never>;
        expectObservable(withTaskGroup(tg => {
          sibling = tg.createTask(a);
          failing = tg.createTask((): Observable<never> => {
            throw error;
          });
        })).toBe('#', undefined, taskGroupError(error));
        expectSubscriptions(a.subscriptions).toBe('(^!)');
        flush();
        expect(failing.cancelled()).toBeFalse();
        expect(failing.exception()).toBe(error);
        expect(() => sibling.result()).toThrowMatching(e => e instanceof TaskCancelledError && e.reason === error);
      });
    });
  });

  describe('bad concurrency', () => {
    const rows: [string, unknown, new (...args: never[]) => Error, RegExp][] = [
      ['0', 0, RangeError, /options\.concurrency must be an integer ≥ 1 or Infinity; got 0$/],
      ['-1', -1, RangeError, /options\.concurrency must be an integer ≥ 1 or Infinity; got -1$/],
      ['1.5', 1.5, RangeError, /options\.concurrency must be an integer ≥ 1 or Infinity; got 1\.5$/],
      ['NaN', NaN, RangeError, /options\.concurrency must be an integer ≥ 1 or Infinity; got NaN$/],
      ["'3'", '3', TypeError, /options\.concurrency must be a number; got string$/],
    ];
    for (const [label, concurrency, type, message] of rows) {
      it(`concurrency ${label}: withTaskGroup, taskGroup and cancelSiblingsOnError throw ${type.name} when called, naming it`, () => {
        const body = jasmine.createSpy('body');
        const options = { concurrency: concurrency as number };
        expect(() => withTaskGroup(body, options)).toThrowMatching(e => e instanceof type && /^withTaskGroup: /.test(e.message) && message.test(e.message));
        expect(() => taskGroup(options)).toThrowMatching(e => e instanceof type && /^taskGroup: /.test(e.message) && message.test(e.message));
        expect(() => cancelSiblingsOnError(options)).toThrowMatching(e => e instanceof type && /^cancelSiblingsOnError: /.test(e.message) && message.test(e.message));
        expect(body).not.toHaveBeenCalled();
      });
    }
  });

  describe('bad timeout', () => {
    for (const [label, timeout] of [['-1', -1], ['NaN', NaN]] as const) {
      const message = new RegExp(`must be a number of milliseconds ≥ 0 or Infinity; got ${label}$`);
      it(`timeout ${label} as a group option: withTaskGroup and taskGroup throw a RangeError when called, naming it`, () => {
        const body = jasmine.createSpy('body');
        expect(() => withTaskGroup(body, { timeout })).toThrowMatching(e => e instanceof RangeError && /^withTaskGroup: options\.timeout /.test(e.message) && message.test(e.message));
        expect(() => taskGroup({ timeout })).toThrowMatching(e => e instanceof RangeError && /^taskGroup: options\.timeout /.test(e.message) && message.test(e.message));
        expect(() => withTimeout(timeout)).toThrowMatching(e => e instanceof RangeError && /^withTimeout: ms /.test(e.message) && message.test(e.message));
        expect(body).not.toHaveBeenCalled();
      });

      it(`timeout ${label} as a task option: createTask throws a RangeError naming it, subscribes nothing, and the other tasks run`, () => {
        testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
          const refused = cold('-x|');
          const handles: Task<string>[] = [];
          let thrown: unknown;
          expectObservable(withTaskGroup(tg => {
            handles.push(tg.createTask(cold('--a|')));
            try {
              tg.createTask(refused, { timeout });
            } catch (error) {
              thrown = error;
            }
            handles.push(tg.createTask(cold('---b|')));
          })).toBe('----|');
          expectSubscriptions(refused.subscriptions).toBe([]);
          flush();
          expect(thrown).toBeInstanceOf(RangeError);
          expect(messageOf(thrown)).toMatch(/^createTask: options\.timeout /);
          expect(messageOf(thrown)).toMatch(message);
          expect(handles.map(h => [h.index, h.result()])).toEqual([[0, 'a'], [1, 'b']]);
        });
      });
    }
  });

  it('concurrency Infinity, a timeout of 0 and a timeout of Infinity are not bad: withTaskGroup accepts them', () => {
    const body = jasmine.createSpy('body');
    expect(() => withTaskGroup(body, { concurrency: Infinity })).not.toThrow();
    expect(() => withTaskGroup(body, { concurrency: 1, timeout: 0 })).not.toThrow();
    expect(() => withTaskGroup(body, { timeout: Infinity })).not.toThrow();
    expect(body).not.toHaveBeenCalled();
  });

  describe('an option that does not exist (a typo)', () => {
    const GROUP = 'concurrency, timeout, signal, scheduler, onEvent, owner, failurePolicy, onError';
    const TASK = 'name, timeout, onCancel, shield';
    /** The message of what `act` throws, which must be a TypeError. */
    function typeErrorOf(act: () => unknown): string {
      let thrown: unknown;
      try {
        act();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      return messageOf(thrown);
    }

    it('is a TypeError naming it, from createTask and tg.start, and the task is not started', () => {
      const factory = jasmine.createSpy('factory').and.returnValue(of(1));
      const messages: string[] = [];
      withTaskGroup(tg => {
        messages.push(typeErrorOf(() => tg.createTask(factory, { timout: 5 } as never)));
        messages.push(typeErrorOf(() => tg.start(factory, { sheild: true } as never)));
      }).subscribe();
      expect(messages).toEqual([
        `createTask: options: "timout" is not an option (expected ${TASK})`,
        `start: options: "sheild" is not an option (expected ${TASK})`,
      ]);
      expect(factory).not.toHaveBeenCalled();
    });

    it('is a TypeError naming it, from withTaskGroup (owned or not), taskGroup, cancelSiblingsOnError and forkJoinTasks', () => {
      const body = jasmine.createSpy('body');
      let fromContext = '';
      withTaskGroup(tg => {
        tg.createTask(ctx => {
          fromContext = typeErrorOf(() => withTaskGroup(body, { owner: ctx, concurency: 2 } as never));
          return of(1);
        });
      }).subscribe();
      expect([
        typeErrorOf(() => withTaskGroup(body, { concurency: 2 } as never)),
        fromContext,
        typeErrorOf(() => taskGroup({ setle: true } as never)),
        typeErrorOf(() => cancelSiblingsOnError({ settle: true } as never)),
        typeErrorOf(() => forkJoinTasks({ a: of(1) }, { task: { a: {} } } as never)),
      ]).toEqual([
        `withTaskGroup: options: "concurency" is not an option (expected ${GROUP})`,
        `withTaskGroup: options: "concurency" is not an option (expected ${GROUP})`,
        `taskGroup: options: "setle" is not an option (expected ${GROUP}, settle)`,
        `cancelSiblingsOnError: options: "settle" is not an option (expected ${GROUP})`,
        `forkJoinTasks: options: "task" is not an option (expected ${GROUP}, tasks, settle)`,
      ]);
      expect(body).not.toHaveBeenCalled();
    });

    it('is a TypeError naming it, from withTimeout, task() and a task descriptor', () => {
      expect(typeErrorOf(() => withTimeout(5, { schedular: undefined } as never))).toBe(
        'withTimeout: options: "schedular" is not an option (expected with, scheduler, name)',
      );
      expect(typeErrorOf(() => task(of(1), { nmae: 'x' } as never))).toBe(
        `task: options: "nmae" is not an option (expected task, ${TASK})`,
      );
      expect(typeErrorOf(() => forkJoinTasks({ a: of(1) }, { tasks: { a: { nmae: 'x' } as never } }))).toBe(
        `forkJoinTasks: options.tasks.a: "nmae" is not an option (expected ${TASK})`,
      );
    });

    it('accepts every option that exists, and an option set to undefined', () => {
      const signal = new AbortController().signal;
      const all = { concurrency: 1, timeout: 10, signal, scheduler: testScheduler, onEvent: () => undefined };
      expect(() => withTaskGroup(() => undefined, all)).not.toThrow();
      expect(() => taskGroup({ ...all, settle: true })).not.toThrow();
      expect(() => forkJoinTasks({ a: of(1) }, { ...all, settle: false, tasks: { a: { name: 'x' } } })).not.toThrow();
      expect(() => withTimeout(5, { with: () => of(1), scheduler: testScheduler, name: 'n' })).not.toThrow();
      expect(() => withTaskGroup(tg => {
        tg.createTask(of(1), { name: 'a', timeout: 1, onCancel: () => of(1), shield: false });
        tg.createTask(of(1), { name: undefined });
      }).subscribe()).not.toThrow();
    });
  });

  describe('an onCancel that throws synchronously or returns no ObservableInput', () => {
    it('its error is collected after the first failure; the other cleanups still run and are awaited', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const first = new Error('first failure');
        const thrown = new Error('onCancel threw');
        const cleanup = cold('--|');
        const handles: Task<unknown>[] = [];
        expectObservable(withTaskGroup(tg => {
          handles.push(tg.createTask(cold('10ms x'), {
            onCancel: () => {
              throw thrown;
            },
          }));
          handles.push(tg.createTask(cold('10ms y'), { onCancel: () => cleanup }));
          handles.push(tg.createTask(cold('--#', undefined, first)));
        })).toBe('----#', undefined, taskGroupError(first, thrown));
        expectSubscriptions(cleanup.subscriptions).toBe('--^-!');
        flush();
        expect(handles.map(h => h.cancelled())).toEqual([true, true, false]);
        expect(handles[2].exception()).toBe(first);
      });
    });

    it('after tg.cancel(): the group errors with exactly that error (rule 6)', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const thrown = new Error('onCancel threw');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(cold('10ms x'), {
            onCancel: () => {
              throw thrown;
            },
          });
          tg.createTask(cold('10ms y'));
          tg.createTask(cold('--|')).subscribe({ complete: () => tg.cancel('enough') });
        })).toBe('--#', undefined, taskGroupError(thrown));
      });
    });

    it('an onCancel returning something that is not an ObservableInput (42, nothing) fails the same way, with a TypeError naming the task and onCancel', () => {
      testScheduler.run(({ cold, flush }) => {
        const first = new Error('first failure');
        const runs = (['42', 'undefined'] as const).map(label => {
          const onCancel = () => (label === '42' ? 42 : undefined) as unknown as ObservableInput<unknown>;
          return {
            label,
            // After a first failure: that failure, then the TypeError.
            afterFailure: watch(testScheduler, withTaskGroup(tg => {
              tg.createTask(cold('10ms x'), { name: 'upload', onCancel });
              tg.createTask(cold('--#', undefined, first));
            })),
            // After tg.cancel(): the TypeError alone.
            afterCancel: watch(testScheduler, withTaskGroup(tg => {
              tg.createTask(NEVER, { name: 'upload', onCancel });
              tg.cancel();
            })),
          };
        });
        flush();
        for (const { label, afterFailure, afterCancel } of runs) {
          const named = (error: unknown) => {
            expect(error).withContext(label).toBeInstanceOf(TypeError);
            expect(messageOf(error)).withContext(label).toContain('task "upload"');
            expect(messageOf(error)).withContext(label).toContain(`onCancel returned ${label}`);
          };
          expect(afterFailure.map(s => [s.frame, s.kind])).withContext(label).toEqual([[2, 'error']]);
          const [firstMember, second] = (afterFailure[0].value as TaskGroupError).errors;
          expect(firstMember).toBe(first);
          named(second);
          expect(afterCancel.map(s => [s.frame, s.kind])).withContext(label).toEqual([[0, 'error']]);
          named(onlyMember(afterCancel[0].value));
        }
      });
    });
  });

  describe('a task that keeps emitting after it was unsubscribed', () => {
    /** Emits 1, 2, 3… every frame and then errors, ignoring unsubscription (it returns no teardown). */
    const runaway = (frames: number) => new Observable<number>(subscriber => {
      testScheduler.schedule(function (n = 1) {
        if (n > frames) {
          subscriber.error(new Error('runaway error after unsubscription'));
          return;
        }
        subscriber.next(n);
        this.schedule(n + 1, 1);
      }, 1, 1);
    });

    it('cancelled by task.cancel(): its late values and error are dropped; the other task’s result is reported', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const events: TaskEvent[] = [];
        let wild!: Task<number>;
        let other!: Task<string>;
        expectObservable(withTaskGroup(tg => {
          wild = tg.createTask(runaway(8), { name: 'runaway' });
          other = tg.createTask(cold('-----a|'));
          testScheduler.schedule(() => wild.cancel('stop it'), 2);
        }, { onEvent: event => events.push(event) })).toBe('------|');
        flush();
        expect(events.filter(e => e.task?.name === 'runaway' && e.type === 'value').map(e => [e.time, e.value])).toEqual([[1, 1]]);
        expect(wild.cancelled()).toBeTrue();
        expect(other.result()).toBe('a');
      });
    });

    it('cancelled by a sibling’s failure: the TaskGroupError holds exactly that failure', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const failure = new Error('sibling failed');
        let wild!: Task<number>;
        expectObservable(withTaskGroup(tg => {
          wild = tg.createTask(runaway(8));
          tg.createTask(cold('--#', undefined, failure));
        })).toBe('--#', undefined, taskGroupError(failure));
        flush();
        expect(() => wild.result()).toThrowMatching(e => e instanceof TaskCancelledError && e.reason === failure);
      });
    });
  });

  describe('a teardown that throws', () => {
    const throwingTeardown = <T>(error: unknown, end?: { after: number; value: T }) => new Observable<T>(subscriber => {
      const action = end && testScheduler.schedule(() => {
        subscriber.next(end.value);
        subscriber.complete();
      }, end.after);
      return () => {
        action?.unsubscribe();
        throw error;
      };
    });

    it('after the task completed: the group fails with it, while the task’s own result is kept', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const teardownError = 'teardown threw a string';
        let done!: Task<string>;
        let sibling!: Task<string>;
        expectObservable(withTaskGroup(tg => {
          done = tg.createTask(throwingTeardown(teardownError, { after: 2, value: 'kept' }));
          sibling = tg.createTask(cold('10ms s|'));
        })).toBe('--#', undefined, taskGroupError(teardownError));
        flush();
        expect(done.result()).toBe('kept');
        expect(() => sibling.result()).toThrowMatching(e => e instanceof TaskCancelledError && e.reason === teardownError);
      });
    });
  });

  describe('thrown values that are not Errors', () => {
    it('a string: it is the member, and the message shows it quoted; siblings’ outcomes are kept (settle)', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const seen = watch(testScheduler, withTaskGroup(tg => {
          tg.createTask(cold('--#', undefined, 'boom'));
        }));
        expectObservable(tasks(cold('-a|'), cold('--#', undefined, 'boom'), () => {
          throw 'factory boom';
        }).pipe(taskGroup({ settle: true }))).toBe('--(x|)', {
          x: [
            { status: 'fulfilled', value: 'a' },
            { status: 'rejected', reason: 'boom' },
            { status: 'rejected', reason: 'factory boom' },
          ],
        });
        flush();
        expect(onlyMember(seen[0].value)).toBe('boom');
        expect(messageOf(seen[0].value)).toMatch(/^1 error in task group: "boom"$/);
      });
    });

    it('undefined: it is the member (one, not none), the message says so, and the handle throws it', () => {
      // Not `cold('--#', undefined, undefined)`: marbles turn an undefined error into 'error'.
      const failAt = (frame: number, error: unknown) => new Observable<string>(subscriber =>
        testScheduler.schedule(() => subscriber.error(error), frame));
      testScheduler.run(({ cold, expectObservable, flush }) => {
        let handle!: Task<string>;
        let sibling!: Task<string>;
        const seen = watch(testScheduler, withTaskGroup(tg => {
          sibling = tg.createTask(cold('10ms s|'));
          handle = tg.createTask(failAt(2, undefined));
        }));
        expectObservable(tasks(cold('-a|'), failAt(2, undefined))
          .pipe(taskGroup({ settle: true }))).toBe('--(x|)', {
          x: [{ status: 'fulfilled', value: 'a' }, { status: 'rejected', reason: undefined }],
        });
        flush();
        expect(seen.map(s => [s.frame, s.kind])).toEqual([[2, 'error']]);
        expect(onlyMember(seen[0].value)).toBeUndefined();
        expect(messageOf(seen[0].value)).toMatch(/^1 error in task group: undefined$/);
        expect(handle.done()).toBeTrue();
        expect(handle.cancelled()).toBeFalse();
        expect(() => handle.result()).toThrow();
        expect(sibling.cancelled()).toBeTrue();
      });
    });
  });

  describe('a source that errors synchronously on subscription', () => {
    it('as a task: the group fails at once with that error only, and the earlier task is cancelled', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const error = new Error('sync failure');
        const a = cold('--a|');
        let earlier!: Task<string>;
        let abortedAfter = false;
        expectObservable(withTaskGroup(tg => {
          earlier = tg.createTask(a);
          tg.createTask(throwError(() => error));
          abortedAfter = tg.signal.aborted;
        })).toBe('#', undefined, taskGroupError(error));
        expectSubscriptions(a.subscriptions).toBe('(^!)');
        flush();
        expect(abortedAfter).toBeTrue();
        expect(() => earlier.result()).toThrowMatching(e => e instanceof TaskCancelledError && e.reason === error);
      });
    });

    it('as a task, with the body going on: the createTask that follows throws TaskStateError, collected as the body’s error', () => {
      testScheduler.run(({ flush }) => {
        const error = new Error('sync failure');
        const factory = jasmine.createSpy('factory').and.returnValue(of(1));
        const seen = watch(testScheduler, withTaskGroup(tg => {
          tg.createTask(throwError(() => error));
          tg.createTask(factory);
        }));
        flush();
        expect(factory).not.toHaveBeenCalled();
        expect(seen.map(s => [s.frame, s.kind])).toEqual([[0, 'error']]);
        const [firstMember, second] = (seen[0].value as TaskGroupError).errors;
        expect(firstMember).toBe(error);
        expect(second).toBeInstanceOf(TaskStateError);
        expect(messageOf(second)).toMatch(/^createTask: the task group is shutting down, so it takes no new task$/);
      });
    });

    it('as a task in settle mode: that task is rejected with it; the others are fulfilled', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const error = new Error('sync failure');
        expectObservable(tasks(cold('--a|'), throwError(() => error), cold('---b|')).pipe(taskGroup({ settle: true })))
          .toBe('----(x|)', { x: [{ status: 'fulfilled', value: 'a' }, { status: 'rejected', reason: error }, { status: 'fulfilled', value: 'b' }] });
      });
    });

    it('as the operators’ source: the group fails with that error only; a task it already started is cancelled', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new Error('source failed');
        const a = cold('--a|');
        expectObservable(throwError(() => error).pipe(taskGroup())).toBe('#', undefined, taskGroupError(error));
        expectObservable(throwError(() => error).pipe(taskGroup({ settle: true }))).toBe('#', undefined, taskGroupError(error));
        expectObservable(concat(of(a), throwError(() => error)).pipe(cancelSiblingsOnError())).toBe('#', undefined, taskGroupError(error));
        expectSubscriptions(a.subscriptions).toBe('(^!)');
      });
    });
  });

  it('unsubscribing a group whose cleanup throws: the error goes to onUnhandledError as itself, nothing else', () => {
    testScheduler.run(({ cold, expectObservable, flush }) => {
      const thrown = new Error('onCancel threw');
      const group = withTaskGroup(tg => {
        tg.createTask(cold('10ms x'), {
          onCancel: () => {
            throw thrown;
          },
        });
        tg.createTask(cold('-----y|'));
      });
      expectObservable(group, '^-!').toBe('');
      flush();
      expect(unhandled).toEqual([thrown]);
      unhandled.length = 0; // expected here; afterEach checks nothing else came
    });
  });
});
