/**
 * Type tests (rule 14 of docs/contract.md, and the API reports): this file only compiles when the
 * public types infer what they should, and every `@ts-expect-error` line only compiles while that
 * misuse stays a type error. Each `it` also runs the code and checks its value.
 */
import { EMPTY, from, lastValueFrom, of, throwError, type Observable, type OperatorFunction } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  catchTaskErrors,
  cancelSiblingsOnError,
  forkJoinTasks,
  task,
  taskGroup,
  TaskGroupError,
  withTaskGroup,
  withTimeout,
  type Task,
  type TaskDescriptor,
  type TaskInput,
  type TaskOutcome,
  type TaskSourceValue,
} from 'rxjs-taskgroup';
import { taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

/** `true` only when A and B are the same type (not merely assignable, and `any` is not everything). */
type Equals<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

/** Compiles only when `value`'s type is exactly `Expected`; returns the value to assert on at run time. */
function exactly<Expected>() {
  return <Actual>(value: Actual & (Equals<Actual, Expected> extends true ? unknown : never)): Actual => value;
}

/** Runs an Observable synchronously and returns its error. */
function collectError(source: Observable<unknown>): unknown {
  let error: unknown;
  source.subscribe({ error: (e: unknown) => (error = e) });
  return error;
}

/** Runs an Observable synchronously and returns its values. */
function valuesOf<T>(source: Observable<T>): T[] {
  const values: T[] = [];
  source.subscribe(v => values.push(v));
  return values;
}

describe('the public types: what they infer and what they refuse (rule 14)', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  describe('taskGroup', () => {
    it('infers T[] from the tasks', () => {
      const result = exactly<Observable<number[]>>()(from([of(1), of(2)]).pipe(taskGroup()));
      expect(valuesOf(result)).toEqual([[1, 2]]);
      const op = exactly<OperatorFunction<TaskSourceValue<string>, string[]>>()(taskGroup<string>());
      expect(valuesOf(of(of('a')).pipe(op))).toEqual([['a']]);
    });

    it('infers TaskOutcome<T>[] with settle: true', () => {
      const op = exactly<OperatorFunction<TaskSourceValue<number>, TaskOutcome<number>[]>>()(
        taskGroup<number>({ settle: true }),
      );
      const outcomes = valuesOf(of(of(1)).pipe(op));
      expect(outcomes).toEqual([[{ status: 'fulfilled', value: 1 }]]);
      const first = outcomes[0][0];
      // Narrowing on `status` gives `value: number`.
      const doubled: number = first.status === 'fulfilled' ? first.value * 2 : 0;
      expect(doubled).toBe(2);
    });

    it('rejects wrong result types', () => {
      // @ts-expect-error the results are numbers, not strings
      const strings: OperatorFunction<TaskInput<number>, string[]> = taskGroup<number>();
      // @ts-expect-error settle mode emits outcomes, not values
      const numbers: OperatorFunction<TaskInput<number>, number[]> = taskGroup<number>({ settle: true });
      // @ts-expect-error concurrency is a number
      expect(() => taskGroup({ concurrency: '2' })).toThrowError(TypeError);
      // What they really emit, which is why the annotations above must not compile.
      const fromStrings: unknown[] = valuesOf(of(of(1)).pipe(strings));
      const fromNumbers: unknown[] = valuesOf(of(of(1)).pipe(numbers));
      expect(fromStrings).toEqual([[1]]);
      expect(fromNumbers).toEqual([[{ status: 'fulfilled', value: 1 }]]);
    });
  });

  describe('taskGroup with mixed tasks', () => {
    it('infers a union of the task types, as mergeAll does', () => {
      const result = exactly<Observable<(number | string)[]>>()(from([of(1), of('a')]).pipe(taskGroup()));
      expect(valuesOf(result)).toEqual([[1, 'a']]);
    });

    it('infers from Promises, arrays and factories alike', async () => {
      const tasks = [Promise.resolve(1), ['a'], () => of(true)];
      const result = exactly<Observable<(number | string | boolean)[]>>()(from(tasks).pipe(taskGroup()));
      expect(await lastValueFrom(result)).toEqual([1, 'a', true]);
    });

    it('infers outcomes of the union with settle: true', () => {
      const result = exactly<Observable<TaskOutcome<number | string>[]>>()(
        from([of(1), of('a')]).pipe(taskGroup({ settle: true })),
      );
      expect(valuesOf(result)).toEqual([[{ status: 'fulfilled', value: 1 }, { status: 'fulfilled', value: 'a' }]]);
    });

    it('infers through task descriptors, from task() and from plain objects', () => {
      const named = exactly<TaskDescriptor<number>>()(task(of(1), { name: 'one' }));
      const result = exactly<Observable<(number | string)[]>>()(
        from([named, { task: () => of('a'), name: 'a' }]).pipe(taskGroup()),
      );
      expect(valuesOf(result)).toEqual([[1, 'a']]);
      const streamed = exactly<Observable<number | boolean>>()(from([named, of(true)]).pipe(cancelSiblingsOnError()));
      expect(valuesOf(streamed)).toEqual([1, true]);
    });

    it('rejects a string as a task, as the operators do at run time', () => {
      // @ts-expect-error a string is not a task (it would emit its characters)
      const result = of('abc').pipe(taskGroup());
      expect(collectError(result)).toBeInstanceOf(AggregateError);
    });

    it('takes a boolean settle, typed as either result shape', () => {
      const settle: boolean = Math.random() < 2;
      const result = exactly<Observable<number[] | TaskOutcome<number>[]>>()(of(of(1)).pipe(taskGroup({ settle })));
      expect(valuesOf(result)).toEqual([[{ status: 'fulfilled', value: 1 }]]);
    });
  });

  describe('cancelSiblingsOnError', () => {
    it('infers T from the tasks', () => {
      const result = exactly<Observable<string>>()(of(of('a'), of('b')).pipe(cancelSiblingsOnError()));
      expect(valuesOf(result)).toEqual(['a', 'b']);
    });

    it('infers a union of the task types', () => {
      const result = exactly<Observable<number | string>>()(from([of(1), of('a')]).pipe(cancelSiblingsOnError()));
      expect(valuesOf(result)).toEqual([1, 'a']);
    });
  });

  describe('TaskGroupError<E>', () => {
    class HttpErrorResponse {
      readonly name = 'HttpErrorResponse';
      constructor(readonly status: number) {}
    }

    it('is TaskGroupError<unknown> by default', () => {
      const error = new TaskGroupError([new TypeError('t')]);
      exactly<unknown[]>()(error.leaves());
      expect(error.leaves()).toHaveSize(1);
    });

    it('types its members and leaves by E', () => {
      const error = new TaskGroupError<TypeError>([new TypeError('a'), new TaskGroupError([new TypeError('b')])]);
      const leaves = exactly<TypeError[]>()(error.leaves());
      expect(leaves.map(e => e.message)).toEqual(['a', 'b']);
      exactly<(TypeError | TaskGroupError<TypeError>)[]>()(error.errors);
    });

    it('narrows split and subgroup by a matcher class, and by a type guard', () => {
      const error = new TaskGroupError([new TypeError('t'), new HttpErrorResponse(503)]);
      const [types, rest] = exactly<[TaskGroupError<TypeError> | undefined, TaskGroupError | undefined]>()(
        error.split(TypeError),
      );
      expect(types?.leaves()[0].message).toBe('t');
      expect(rest?.leaves()).toHaveSize(1);
      const http = exactly<TaskGroupError<HttpErrorResponse> | undefined>()(error.subgroup(HttpErrorResponse));
      expect(http?.leaves()[0].status).toBe(503);
      const isServerError = (e: unknown): e is HttpErrorResponse => e instanceof HttpErrorResponse && e.status >= 500;
      const [server] = exactly<[TaskGroupError<HttpErrorResponse> | undefined, TaskGroupError | undefined]>()(
        error.split(isServerError),
      );
      expect(server?.leaves()[0].status).toBe(503);
      const [any] = exactly<[TaskGroupError | undefined, TaskGroupError | undefined]>()(
        error.split(e => String(e).length > 0),
      );
      expect(any?.leaves()).toHaveSize(2);
    });

    it('is assignable to TaskGroupError<unknown>', () => {
      const typed = new TaskGroupError<TypeError>([new TypeError('t')]);
      const wide: TaskGroupError = typed;
      expect(wide).toBe(typed);
    });
  });

  describe('withTimeout', () => {
    it('is a MonoTypeOperatorFunction without `with`', () => {
      const result = exactly<Observable<number>>()(of(1).pipe(withTimeout(10)));
      expect(valuesOf(result)).toEqual([1]);
    });

    it('infers T | F with `with`', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const result = exactly<Observable<number | string>>()(
          cold('-a---|', { a: 1 }).pipe(withTimeout(3, { with: () => of('late') })),
        );
        expectObservable(result).toBe('-a-(l|)', { a: 1, l: 'late' });
      });
    });

    it('rejects a `with` that is not a function returning an ObservableInput', () => {
      // @ts-expect-error `with` must be a function
      expect(() => withTimeout(10, { with: 5 })).toThrowError(TypeError);
      // @ts-expect-error ms is a number
      expect(() => withTimeout('10')).toThrowError(TypeError);
    });
  });

  describe('catchTaskErrors', () => {
    it("infers T | R from the source and the handler's Observable", () => {
      const source = exactly<Observable<number>>()(of(1));
      const result = exactly<Observable<number | string>>()(source.pipe(catchTaskErrors(TypeError, () => of('handled'))));
      expect(valuesOf(result)).toEqual([1]);
    });

    it('gives the handler a TaskGroupError typed by the matcher class', () => {
      const seen: TaskGroupError[] = [];
      const error = new TaskGroupError([new TypeError('t')]);
      const out = valuesOf(
        throwError(() => error).pipe(
          catchTaskErrors(TypeError, group => {
            const checked = exactly<TaskGroupError<TypeError>>()(group);
            exactly<TypeError[]>()(group.leaves());
            seen.push(checked);
            return EMPTY;
          }),
        ),
      );
      expect(out).toEqual([]);
      expect(seen).toHaveSize(1);
      expect(seen[0]).toBe(error);
    });

    it('types the handler by a class that does not extend Error, and by a type guard', () => {
      class HttpErrorResponse {
        readonly name = 'HttpErrorResponse';
        constructor(readonly status: number) {}
      }
      const statuses: number[] = [];
      const error = new TaskGroupError([new HttpErrorResponse(404)]);
      valuesOf(
        throwError(() => error).pipe(
          catchTaskErrors(HttpErrorResponse, group => {
            statuses.push(...exactly<HttpErrorResponse[]>()(group.leaves()).map(e => e.status));
            return EMPTY;
          }),
        ),
      );
      const isNotFound = (e: unknown): e is HttpErrorResponse => e instanceof HttpErrorResponse && e.status === 404;
      valuesOf(
        throwError(() => error).pipe(
          catchTaskErrors(isNotFound, group => {
            statuses.push(exactly<TaskGroupError<HttpErrorResponse>>()(group).leaves()[0].status);
            return EMPTY;
          }),
        ),
      );
      valuesOf(
        throwError(() => error).pipe(
          catchTaskErrors(e => String(e).length > 0, group => {
            exactly<TaskGroupError>()(group);
            statuses.push(0);
            return EMPTY;
          }),
        ),
      );
      expect(statuses).toEqual([404, 404, 0]);
    });

    it('rejects a handler that does not return an ObservableInput', () => {
      // @ts-expect-error the handler must return an ObservableInput
      expect(() => catchTaskErrors(TypeError, () => 5)).not.toThrow();
      // @ts-expect-error a matcher is a class or a predicate
      expect(() => catchTaskErrors('TypeError', () => EMPTY)).toThrowError(TypeError);
    });
  });

  describe('forkJoinTasks', () => {
    it('types a tuple like forkJoin, element by element', async () => {
      const result = exactly<Observable<[number, string, boolean]>>()(
        forkJoinTasks([of(1), Promise.resolve('a'), () => of(true)]),
      );
      expect(await lastValueFrom(result)).toEqual([1, 'a', true]);
      exactly<Observable<[]>>()(forkJoinTasks([]));
    });

    it('types a record like forkJoin, key by key', () => {
      const result = exactly<Observable<{ user: string; count: number }>>()(forkJoinTasks({ user: of('ada'), count: of(42) }));
      expect(valuesOf(result)).toEqual([{ user: 'ada', count: 42 }]);
      // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- what forkJoin({}) is typed as, too
      exactly<Observable<{}>>()(forkJoinTasks({}));
    });

    it('types outcomes with settle: true, and either shape with a boolean', () => {
      const outcomes = exactly<Observable<{ user: TaskOutcome<string>; count: TaskOutcome<number> }>>()(
        forkJoinTasks({ user: of('ada'), count: of(42) }, { settle: true }),
      );
      expect(valuesOf(outcomes)).toEqual([{ user: { status: 'fulfilled', value: 'ada' }, count: { status: 'fulfilled', value: 42 } }]);
      exactly<Observable<[TaskOutcome<number>]>>()(forkJoinTasks([of(1)], { settle: true }));
      const settle: boolean = Math.random() < 2;
      exactly<Observable<{ n: number } | { n: TaskOutcome<number> }>>()(forkJoinTasks({ n: of(1) }, { settle }));
    });

    it('infers the value from the tasks, not from options.tasks naming some or all of them', () => {
      const some = exactly<Observable<{ user: { name: string }; count: number }>>()(
        forkJoinTasks(
          { user: ({ signal }) => of({ name: signal.aborted ? '' : 'ada' }), count: Promise.resolve(42) },
          { timeout: 1_000, tasks: { count: { timeout: 10 } } },
        ),
      );
      const all = forkJoinTasks({ user: of({ name: 'ada' }), count: of(42) }, { tasks: { user: { name: 'u' }, count: {} } });
      let name = '';
      all.subscribe(value => (name = value.user.name));
      expect(name).toBe('ada');
      const tuple = exactly<Observable<[string, number]>>()(forkJoinTasks([of('a'), of(1)], { tasks: { 1: { timeout: 10 } } }));
      const [first, second]: [string, number] = valuesOf(tuple)[0];
      expect([first, second]).toEqual(['a', 1]);
      some.subscribe(value => {
        const typed: string = value.user.name;
        expect(typed).toBe('ada');
        // @ts-expect-error count is a number
        const wrong: string = value.count;
        expect(wrong).toBe(42 as never);
      });
    });

    it('types per-task options by key and rejects a key that is not a task', () => {
      const named = forkJoinTasks({ user: of('ada') }, { tasks: { user: { name: 'the user', timeout: 10 } } });
      expect(valuesOf(named)).toEqual([{ user: 'ada' }]);
      // @ts-expect-error `usr` is not one of the tasks
      expect(() => forkJoinTasks({ user: of('ada') }, { tasks: { usr: { timeout: 10 } } })).toThrowError(TypeError);
      // @ts-expect-error a task is an ObservableInput or a factory
      expect(() => forkJoinTasks({ user: 42 })).toThrowError(TypeError);
    });
  });

  describe('withTaskGroup', () => {
    it('infers R from the body', async () => {
      const fromTask = exactly<Observable<number>>()(withTaskGroup(tg => tg.createTask(of(1))));
      expect(valuesOf(fromTask)).toEqual([1]);
      const fromPromise = exactly<Observable<string>>()(withTaskGroup(async () => 'done'));
      expect(await lastValueFrom(fromPromise)).toBe('done');
    });

    it('is Observable<never> for a body that returns nothing', () => {
      const result = exactly<Observable<never>>()(withTaskGroup(tg => void tg.createTask(of(1))));
      let completed = false;
      result.subscribe({ complete: () => (completed = true) });
      expect(completed).toBeTrue();
    });
  });

  describe('tg.start', () => {
    it('takes any value without a type argument, typed unknown', () => {
      const ready = valuesOf(
        withTaskGroup(tg => {
          const token$ = exactly<Observable<unknown>>()(tg.start(ctx => of(ctx.started('token'))));
          const port$ = tg.start(ctx => of(ctx.started(8080)));
          const nothing$ = tg.start(ctx => of(ctx.started()));
          return forkJoinTasks([token$, port$, nothing$]);
        }),
      );
      const [token, port, nothing]: unknown[] = ready[0];
      expect([token, port, nothing]).toEqual(['token', 8080, undefined]);
    });

    it('types the value with a type argument, and rejects another type', () => {
      const ready = valuesOf(
        withTaskGroup(tg =>
          exactly<Observable<string>>()(
            tg.start<string>(ctx => {
              // @ts-expect-error started takes a string here
              expect(() => ctx.started(1)).not.toThrow();
              return EMPTY;
            }),
          ),
        ),
      );
      const url: string = ready[0];
      expect(url).toBe(1 as never);
    });
  });

  describe('createTask', () => {
    it('infers Task<T> from Observables, Promises, arrays and factories', async () => {
      const tasks: Task<unknown>[] = [];
      const result = withTaskGroup(tg => {
        const observable = exactly<Task<string>>()(tg.createTask(of('a')));
        const promise = exactly<Task<number>>()(tg.createTask(Promise.resolve(1)));
        const array = exactly<Task<boolean>>()(tg.createTask([true, false]));
        const factory = exactly<Task<Date>>()(tg.createTask(() => of(new Date(0))));
        tasks.push(observable, promise, array, factory);
      });
      await lastValueFrom(result, { defaultValue: undefined });
      expect(tasks.map(task => task.result())).toEqual(['a', 1, false, new Date(0)]);
    });

    it('gives `result()` the task’s type', () => {
      let task: Task<number> | undefined;
      valuesOf(withTaskGroup(tg => void (task = tg.createTask(of(41)))));
      const value = exactly<number>()(task!.result());
      expect(value + 1).toBe(42);
    });

    it('rejects a call without a task', () => {
      let thrown: unknown;
      valuesOf(
        withTaskGroup(tg => {
          try {
            // @ts-expect-error createTask needs a task
            tg.createTask();
          } catch (e) {
            thrown = e;
          }
        }),
      );
      expect(thrown).toBeInstanceOf(TypeError);
    });

    it('rejects wrong option types', () => {
      let thrown: unknown;
      valuesOf(
        withTaskGroup(tg => {
          try {
            // @ts-expect-error name is a string
            tg.createTask(of(1), { name: 1 });
          } catch (e) {
            thrown = e;
          }
        }),
      );
      expect(thrown).toBeInstanceOf(TypeError);
    });
  });
});
