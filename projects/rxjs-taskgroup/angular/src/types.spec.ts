/**
 * Type tests of `rxjs-taskgroup/angular`: this file only compiles when the helpers infer their
 * value types from the tasks alone (never from options keyed by the tasks' keys), and every
 * `@ts-expect-error` line only compiles while that misuse stays a type error. Each `it` also
 * runs the code and reads the typed value.
 */
import { provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { of, type Observable } from 'rxjs';
import type { Task } from 'rxjs-taskgroup';
import { injectTaskGroup, taskGroupResource, type TaskGroupResourceRef } from 'rxjs-taskgroup/angular';

/** `true` only when A and B are the same type (not merely assignable, and `any` is not everything). */
type Equals<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

/** Compiles only when `value`'s type is exactly `Expected`; returns the value to assert on at run time. */
function exactly<Expected>() {
  return <Actual>(value: Actual & (Equals<Actual, Expected> extends true ? unknown : never)): Actual => value;
}

interface User {
  name: string;
}

const user$: Observable<User> = of({ name: 'Ada' });
const posts$: Observable<string[]> = of(['hello']);

describe('types of rxjs-taskgroup/angular', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] }));

  /** Runs the resource's effects, then lets its loader's promise settle. */
  async function settle() {
    TestBed.tick();
    await new Promise(resolve => setTimeout(resolve));
    TestBed.tick();
  }

  describe('taskGroupResource', () => {
    it('infers the value from the tasks, without taskOptions', async () => {
      const id = signal(1);
      const ref = TestBed.runInInjectionContext(() =>
        taskGroupResource({ params: () => id(), tasks: () => ({ user: user$, posts: posts$ }) }),
      );
      exactly<TaskGroupResourceRef<{ user: User; posts: string[] } | undefined>>()(ref);
      await settle();
      const name: string = ref.value()!.user.name;
      const first: string = ref.value()!.posts[0];
      expect([name, first]).toEqual(['Ada', 'hello']);
    });

    it('infers the value from the tasks, not from taskOptions naming some of them', async () => {
      const ref = TestBed.runInInjectionContext(() =>
        taskGroupResource({
          params: () => 7,
          tasks: id => ({ user: user$, posts: posts$, id: Promise.resolve(id) }),
          taskOptions: { posts: { timeout: 3_000 } },
        }),
      );
      exactly<TaskGroupResourceRef<{ user: User; posts: string[]; id: number } | undefined>>()(ref);
      await settle();
      const name: string = ref.value()!.user.name;
      const id: number = ref.value()!.id;
      expect([name, id]).toEqual(['Ada', 7]);
    });

    it('infers the value from the tasks, with taskOptions naming every one, and factories', async () => {
      const ref = TestBed.runInInjectionContext(() =>
        taskGroupResource({
          tasks: () => ({ user: ({ signal }) => (signal.aborted ? of({ name: '' }) : user$), posts: posts$ }),
          taskOptions: { user: { name: 'the user' }, posts: { timeout: 3_000 } },
        }),
      );
      await settle();
      const name: string = ref.value()!.user.name;
      expect(name).toBe('Ada');
      expect(ref.taskTree().tasks.map(t => t.name)).toEqual(['the user', 'posts']);
    });

    it('infers a tuple from an array of tasks, with taskOptions by index', async () => {
      const ref = TestBed.runInInjectionContext(() =>
        taskGroupResource({ tasks: () => [user$, of(42)], taskOptions: [undefined, { timeout: 1_000 }] }),
      );
      exactly<TaskGroupResourceRef<[User, number] | undefined>>()(ref);
      await settle();
      const [user, count]: [User, number] = ref.value()!;
      expect([user.name, count]).toEqual(['Ada', 42]);
    });

    it('still takes the value type as an explicit type argument', async () => {
      interface Profile {
        readonly user: User;
        readonly posts: readonly string[];
      }
      const ref = TestBed.runInInjectionContext(() =>
        taskGroupResource<Profile, number>({
          params: () => 1,
          tasks: () => ({ user: user$, posts: posts$ }),
          taskOptions: { posts: { timeout: 1_000 } },
        }),
      );
      exactly<TaskGroupResourceRef<Profile | undefined>>()(ref);
      await settle();
      const name: string = ref.value()!.user.name;
      expect(name).toBe('Ada');
    });

    it('infers the value of the body form from the body', async () => {
      const ref = TestBed.runInInjectionContext(() =>
        taskGroupResource({ params: () => 2, body: (tg, n) => tg.createTask(of(n * 21)) }),
      );
      exactly<TaskGroupResourceRef<number | undefined>>()(ref);
      await settle();
      const answer: number = ref.value()!;
      expect(answer).toBe(42);
    });

    it('rejects taskOptions for a task that does not exist, and a value read as the wrong type', async () => {
      const ref = TestBed.runInInjectionContext(() =>
        // @ts-expect-error `usr` is not one of the tasks (the error is on the call: no overload matches)
        taskGroupResource({ tasks: () => ({ user: user$ }), taskOptions: { usr: { timeout: 10 } } }),
      );
      await settle();
      // At run time too, as forkJoinTasks (which runs the tasks) has it: a TypeError naming the key.
      expect(ref.error()).toEqual(jasmine.any(TypeError));
      expect(ref.error()!.message).toContain('options.tasks.usr names no task');
      const typed = TestBed.runInInjectionContext(() => taskGroupResource({ tasks: () => ({ user: user$ }) }));
      await settle();
      // @ts-expect-error the user's name is a string
      const wrong: number = typed.value()!.user.name;
      expect(wrong).toBe('Ada' as never);
    });
  });

  describe('injectTaskGroup', () => {
    it('types each task by what it is given, whatever its options', () => {
      const group = TestBed.runInInjectionContext(() => injectTaskGroup({ failurePolicy: 'keep-going', timeout: 1_000 }));
      const user = exactly<Task<User>>()(group.createTask(user$, { name: 'user', timeout: 500 }));
      const count = exactly<Task<number>>()(group.createTask(() => Promise.resolve(1), { name: 'count' }));
      const name: string = user.result().name;
      expect(name).toBe('Ada');
      expect(count.name).toBe('count');
      // @ts-expect-error the result is a User, not a string
      const wrong: string = user.result();
      expect(wrong).toEqual({ name: 'Ada' } as never);
    });
  });
});
