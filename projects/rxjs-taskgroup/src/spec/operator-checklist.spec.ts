/**
 * RxJS's operator checklist (docs_app "operator-creation"), written once in `operatorChecklist`
 * and run for every operator (`taskGroup`, `cancelSiblingsOnError`, `withTimeout`,
 * `catchTaskErrors`) and for the two functions that make a group (`withTaskGroup`,
 * `forkJoinTasks`): each must allow unsubscribing early, must not break unsubscription chains,
 * and must stop a synchronous firehose once unsubscribed. Each row gives its own marbles; the
 * checks, and an `expectSubscriptions` for every inner Observable, are the checklist's.
 */
import { EMPTY, mergeMap, Observable, of, take, tap, throwError } from 'rxjs';
import type { RunHelpers, TestScheduler } from 'rxjs/testing';
import {
  cancelSiblingsOnError,
  catchTaskErrors,
  forkJoinTasks,
  taskGroup,
  TaskGroupError,
  withTaskGroup,
  withTimeout,
  type TaskInput,
} from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

/** The subscription log of a cold or hot Observable of the TestScheduler. */
type SubscriptionLogs = Parameters<RunHelpers['expectSubscriptions']>[0];

/**
 * What goes on both sides of the Observable under test: nothing, or `mergeMap(x => of(x))` for
 * the unsubscription chain.
 */
type Around = <T>(source: Observable<T>) => Observable<T>;

/** `source.pipe(mergeMap(x => of(x)))`: a link of an unsubscription chain. */
const chained: Around = source => source.pipe(mergeMap(x => of(x)));
/** Nothing around: the Observable under test alone. */
const alone: Around = source => source;

/** An unsubscription before the end, in marbles. */
interface Unsubscribed {
  /** The Observable under test, with `around` before and after it. */
  result: (around: Around) => Observable<unknown>;
  unsub: string;
  expected: string;
  values?: Record<string, unknown>;
  /** Every inner Observable's subscription log, and when it must have been subscribed and torn down. */
  subscriptions: [SubscriptionLogs, string][];
  /** What else must hold once everything has run. */
  then?: () => void;
}

/** A synchronous source of up to a million values that stops as soon as its subscriber is closed. */
type Firehose = <T>(make: (i: number) => T) => Observable<T>;

/** A firehose through the Observable under test, which `take(3)` (or a failure) unsubscribes. */
interface Synchronous {
  /** What the firehose is, when it is not the operator's source: '(a task)'. */
  what?: string;
  result: (firehose: Firehose) => Observable<unknown>;
  /** What the subscriber gets; by default the values 0, 1, 2 and no error. */
  outcome?: (values: unknown[], error: unknown) => void;
}

interface Checklist {
  /** Unsubscribing explicitly and early: the plain case first, then any other ('from the fallback'). */
  early: { what?: string; scenario: (helpers: RunHelpers) => Unsubscribed }[];
  /** The same with a chain around the operator: by default the first `early` scenario. */
  chain?: (helpers: RunHelpers) => Unsubscribed;
  /** The firehoses, where a synchronous firehose can be cut short. */
  synchronous?: Synchronous[];
}

/** RxJS's operator checklist for one operator: the same checks, with the row's marbles. */
function operatorChecklist(name: string, { early, chain = early[0].scenario, synchronous = [] }: Checklist): void {
  describe(name, () => {
    let testScheduler: TestScheduler;
    beforeEach(() => (testScheduler = taskGroupTestScheduler()));

    function expectUnsubscribed(scenario: (helpers: RunHelpers) => Unsubscribed, around: Around): void {
      testScheduler.run(helpers => {
        const { result, unsub, expected, values, subscriptions, then } = scenario(helpers);
        helpers.expectObservable(result(around), unsub).toBe(expected, values);
        for (const [logs, marbles] of subscriptions) helpers.expectSubscriptions(logs).toBe(marbles);
        if (then) {
          helpers.flush();
          then();
        }
      });
    }

    for (const { what, scenario } of early) {
      it(titled('should allow unsubscribing explicitly and early', what), () => expectUnsubscribed(scenario, alone));
    }

    it('should not break unsubscription chains when result is unsubscribed explicitly', () => expectUnsubscribed(chain, chained));

    for (const { what, result, outcome = defaultOutcome } of synchronous) {
      it(titled('should stop listening to a synchronous observable when unsubscribed', what), () => {
        let emitted = 0;
        const firehose = <T>(make: (i: number) => T): Observable<T> => new Observable<T>(subscriber => {
          for (let i = 0; !subscriber.closed && i < 1e6; i++) {
            emitted++;
            subscriber.next(make(i));
          }
        });
        const values: unknown[] = [];
        let error: unknown;
        result(firehose).pipe(take(3)).subscribe({ next: value => values.push(value), error: (e: unknown) => (error = e) });
        expect(emitted).toBe(3);
        outcome(values, error);
      });
    }
  });
}

/** The checklist's title, and what this case is about when there are several. */
function titled(title: string, what: string | undefined): string {
  return what === undefined ? title : `${title} ${what}`;
}

/** What a firehose cut short by `take(3)` delivers: its first three values, and no error. */
function defaultOutcome(values: unknown[], error: unknown): void {
  expect(values).toEqual([0, 1, 2]);
  expect(error).toBeUndefined();
}

describe("RxJS's operator checklist, for every operator", () => {
  const thirdTaskFailed = new Error('third task failed');
  operatorChecklist('taskGroup', {
    early: [{
      scenario: ({ cold, hot }) => {
        const a = cold('     ------(x|)');
        const b = cold('       ---(y|) ');
        const source = hot('-a-b-----|   ', { a, b });
        const unsub = '     -----!       ';
        return {
          result: around => around(around(source).pipe(taskGroup())),
          unsub,
          expected: '-----',
          subscriptions: [
            [source.subscriptions, '^----!'],
            [a.subscriptions, '     -^---!'],
            [b.subscriptions, '     ---^-!'],
          ],
        };
      },
    }],
    synchronous: [{
      // taskGroup emits only at the end, so what unsubscribes a never-ending firehose is the group itself.
      what: '(here: by a synchronous failure)',
      result: firehose => firehose<TaskInput<number>>(i => (i === 2 ? throwError(() => thirdTaskFailed) : of(i))).pipe(taskGroup<number>()),
      outcome: (values, error) => {
        expect(values).toEqual([]);
        expect(error).toBeInstanceOf(TaskGroupError);
        expect((error as TaskGroupError).errors[0]).toBe(thirdTaskFailed);
      },
    }],
  });

  operatorChecklist('cancelSiblingsOnError', {
    early: [{
      scenario: ({ cold, hot }) => {
        const a = cold('     -1-2--3-4|');
        const b = cold('       --5--6|');
        const source = hot('-a-b--------|', { a, b });
        const unsub = '     ------!      ';
        return {
          result: around => around(around(source).pipe(cancelSiblingsOnError<string>())),
          unsub,
          expected: '--1-25',
          subscriptions: [
            [source.subscriptions, '^-----!'],
            [a.subscriptions, '     -^----!'],
            [b.subscriptions, '     ---^--!'],
          ],
        };
      },
    }],
    synchronous: [{ result: firehose => firehose(i => of(i)).pipe(cancelSiblingsOnError<number>()) }],
  });

  operatorChecklist('withTimeout', {
    early: [
      {
        scenario: ({ cold }) => {
          const source = cold('-a-b-c-d-|');
          const fallback = jasmine.createSpy('fallback').and.returnValue(EMPTY);
          const unsub = '      ---!       ';
          return {
            result: around => around(around(source).pipe(withTimeout(5, { with: fallback }))),
            unsub,
            expected: '-a-',
            subscriptions: [[source.subscriptions, '^--!']],
            then: () => expect(fallback).withContext('the deadline was cleared on unsubscription').not.toHaveBeenCalled(),
          };
        },
      },
      {
        what: 'from the fallback',
        scenario: ({ cold }) => {
          const source = cold('  -a-------|');
          const fallback = cold('   -x-y-|');
          const unsub = '        -----!     ';
          return {
            result: around => around(around(source).pipe(withTimeout(3, { with: () => fallback }))),
            unsub,
            expected: '-a--x',
            subscriptions: [
              [source.subscriptions, '  ^--!'],
              [fallback.subscriptions, '---^-!'],
            ],
          };
        },
      },
    ],
    chain: ({ cold }) => {
      const source = cold('-a-b-c-d-|');
      const unsub = '      ---!       ';
      return {
        result: around => around(around(source).pipe(withTimeout(5))),
        unsub,
        expected: '-a-',
        subscriptions: [[source.subscriptions, '^--!']],
      };
    },
    synchronous: [{ result: firehose => firehose(i => i).pipe(withTimeout(1000)) }],
  });

  /** A source that fails with `error` after one value, and a handler's Observable cut short while it runs. */
  const handlerCutShort = (error: TaskGroupError) => ({ cold }: RunHelpers): Unsubscribed => {
    const source = cold(' -a#           ', undefined, error);
    const handled = cold('  --x--y|     ');
    const unsub = '       ------!      ';
    return {
      result: around => around(around(source).pipe(catchTaskErrors(TypeError, () => handled))),
      unsub,
      expected: '-a--x-',
      subscriptions: [
        [source.subscriptions, ' ^-!'],
        [handled.subscriptions, '--^---!'],
      ],
    };
  };

  operatorChecklist('catchTaskErrors', {
    early: [
      {
        scenario: ({ cold }) => {
          const source = cold('-a-b-#', undefined, taskGroupError(new TypeError('t')));
          const unsub = '      ---!   ';
          return {
            result: around => around(around(source).pipe(catchTaskErrors(TypeError, () => of('h')))),
            unsub,
            expected: '-a-',
            subscriptions: [[source.subscriptions, '^--!']],
          };
        },
      },
      { what: "from the handler's Observable", scenario: handlerCutShort(taskGroupError(new TypeError('t'), new RangeError('r'))) },
    ],
    chain: handlerCutShort(taskGroupError(new TypeError('t'))),
    synchronous: [
      { result: firehose => firehose(i => i).pipe(catchTaskErrors(Error, () => EMPTY)) },
      {
        what: "(the handler's Observable)",
        result: firehose => throwError(() => taskGroupError(new TypeError('t'))).pipe(catchTaskErrors(TypeError, () => firehose(i => i))),
      },
    ],
  });

  // withTaskGroup and forkJoinTasks have no source: alone they are subscribed as they are, and in
  // the chain each value of an outer source starts one.
  operatorChecklist('withTaskGroup', {
    early: [{
      scenario: ({ cold }) => {
        const body = cold('  -a--b--c|');
        const task = cold('  10ms |');
        const unsub = '      ^---!';
        return {
          result: () => withTaskGroup<string>(tg => {
            tg.createTask(task);
            return body;
          }),
          unsub,
          expected: '-a--',
          subscriptions: [
            [body.subscriptions, '^---!'],
            [task.subscriptions, '^---!'],
          ],
        };
      },
    }],
    chain: ({ cold, hot }) => {
      const outer = hot('  -a--------|');
      const body = cold('   --y--z|');
      const task = cold('   10ms |');
      const unsub = '      -----!';
      return {
        result: around => around(around(outer).pipe(mergeMap(() => withTaskGroup<string>(tg => {
          tg.createTask(task);
          return body;
        })))),
        unsub,
        expected: '---y-',
        subscriptions: [
          [outer.subscriptions, '^----!'],
          [body.subscriptions, ' -^---!'],
          [task.subscriptions, ' -^---!'],
        ],
      };
    },
    synchronous: [
      {
        what: '(a task)',
        result: firehose => withTaskGroup<number>(tg =>
          new Observable<number>(bodySubscriber => {
            tg.createTask(firehose(i => i).pipe(tap(value => bodySubscriber.next(value))));
          }),
        ),
      },
      { what: '(the body)', result: firehose => withTaskGroup(() => firehose(i => i)) },
    ],
  });

  // forkJoinTasks emits once, at the end: no firehose can be cut short by take(3).
  operatorChecklist('forkJoinTasks', {
    early: [{
      scenario: ({ cold }) => {
        const a = cold('--------(a|)');
        const b = cold('------(b|)  ');
        const unsub = ' ^--!';
        return {
          result: () => forkJoinTasks({ a, b }),
          unsub,
          expected: '---',
          subscriptions: [
            [a.subscriptions, '^--!'],
            [b.subscriptions, '^--!'],
          ],
        };
      },
    }],
    chain: ({ cold, hot }) => {
      const outer = hot('-x-------|');
      const a = cold('    --------(a|)');
      const b = cold('    ------(b|)  ');
      const unsub = '    ----!';
      return {
        result: around => around(around(outer).pipe(mergeMap(() => forkJoinTasks({ a, b })))),
        unsub,
        expected: '----',
        subscriptions: [
          [outer.subscriptions, '^---!'],
          [a.subscriptions, '    -^--!'],
          [b.subscriptions, '    -^--!'],
        ],
      };
    },
  });
});
