#!/usr/bin/env node
// What an RxJS 9 Observable does when handed to rxjs-taskgroup (rule 25; docs/rxjs-9.md records
// what this printed). RxJS 9 is never installed into the workspace: install it elsewhere, e.g.
//
//   mkdir -p tmp/rxjs9 && cd tmp/rxjs9 && npm init -y && npm install rxjs@9.0.0-beta.0 @rxjs/observable-polyfill@9.0.0-beta.0
//
// then, after `npm run build:lib`, run `node scripts/rxjs9-probe.mjs [tmp/rxjs9/node_modules]`.
// The built package (dist/rxjs-taskgroup) runs on the workspace's RxJS 7; RxJS 9 is loaded from
// the given node_modules by file URL. In Node, where there is no native Observable, RxJS 9 runs
// on @rxjs/observable-polyfill. Each line says what was tried and what happened.

import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const modules = resolve(process.argv[2] ?? join(root, 'tmp/rxjs9/node_modules'));
const rx9 = async (subpath) => import(pathToFileURL(join(modules, 'rxjs/dist/esm', `${subpath}.js`)).href);
const rx9version = (await import(pathToFileURL(join(modules, 'rxjs/package.json')).href, { with: { type: 'json' } })).default.version;

const rx7 = await import('rxjs');
const tg = await import(pathToFileURL(join(root, 'dist/rxjs-taskgroup/fesm2022/rxjs-taskgroup.mjs')).href);
const { Subject, ColdObservable } = await rx9('index');
const { interval } = await rx9('interval');
const { take } = await rx9('take');
const { map } = await rx9('map');
const { forkJoin } = await rx9('fork-join');
const Platform = globalThis.Observable;

const line = (what, result) => console.log(`${what}\n    → ${result}`);
const brief = (error) => `${error?.constructor?.name}: ${String(error?.message).split('\n')[0]}`;
const describe = (error) => error instanceof tg.TaskGroupError ? `TaskGroupError [${error.errors.map(brief).join('; ')}]` : brief(error);

/** Subscribes to an RxJS 7 Observable and resolves with what it did (or what is seen after `ms`). */
function run(source, ms = 200) {
  return new Promise((done) => {
    const seen = [];
    const subscription = source.subscribe({
      next: (value) => seen.push(value),
      error: (error) => done(`error ${describe(error)} after ${JSON.stringify(seen)}`),
      complete: () => done(`complete after ${JSON.stringify(seen)}`),
    });
    setTimeout(() => {
      subscription.unsubscribe();
      done(`still running after ${ms} ms: ${JSON.stringify(seen)}`);
    }, ms);
  });
}

console.log(`rxjs ${rx9version} (on ${typeof Platform === 'function' ? Platform.name : 'no'} Observable) against rxjs-taskgroup on rxjs ${rx7.VERSION ?? '7'}\n`);

const ticks = Platform[interval](10)[take](3);
line('tag of an RxJS 9 Observable (Observable[interval](10)[take](3))', Object.prototype.toString.call(ticks));
line('RxJS 7 from() of it', (() => { try { rx7.from(ticks); return 'accepted'; } catch (error) { return brief(error); } })());

let task;
line('a task of it: tg.createTask(Observable[interval](10)[take](3)), handle result',
  await run(tg.withTaskGroup((group) => { task = group.createTask(ticks); })) + `; result() = ${task.result()}`);

line('taskGroup() of RxJS 9 Observables', await run(rx7.from([Platform[interval](5)[take](2), Platform[interval](10)[map]((n) => `b${n}`)[take](1)]).pipe(tg.taskGroup())));

let torn = 0;
let abortedWith;
const endless = new Platform((subscriber) => {
  const id = setInterval(() => subscriber.next('tick'), 5);
  subscriber.addTeardown(() => { clearInterval(id); torn++; abortedWith = subscriber.signal.reason; });
});
line('an endless RxJS 9 Observable cancelled by a failing sibling (teardowns run, producer signal reason)',
  await run(tg.withTaskGroup((group) => {
    group.createTask(endless);
    group.createTask(rx7.timer(20).pipe(rx7.map(() => { throw new Error('sibling failed'); })));
  })) + `; teardowns ${torn}, reason ${brief(abortedWith)}`);

torn = 0;
line('the same with the task option timeout: 15', await run(tg.withTaskGroup((group) => { group.createTask(endless, { timeout: 15 }); })) + `; teardowns ${torn}`);

const cold = new ColdObservable((subscriber) => { subscriber.next('cold'); subscriber.complete(); });
line('ColdObservable as a task', await run(tg.forkJoinTasks([cold])));

const subject = new Subject();
setTimeout(() => { subject.next('hot'); subject.complete(); }, 10);
line('Subject as a task (emits "hot" then completes after 10 ms)', await run(tg.forkJoinTasks({ subject })));

line('Observable[forkJoin] of two as a task', await run(tg.forkJoinTasks([Platform[forkJoin]([Platform[interval](5)[take](2), Platform.from([1])])])));

line('a factory returning one: ctx => Observable[interval](5)[take](1)', await run(tg.forkJoinTasks([() => Platform[interval](5)[take](1)])));

line('an onCancel returning one', await run(tg.withTaskGroup((group) => {
  group.createTask(rx7.NEVER, { onCancel: () => Platform[interval](5)[take](1)[map](() => 'cleaned') }).cancel();
})));

line('an RxJS 9 Observable returned by the body (not a task; the body reads with from())',
  await run(tg.withTaskGroup(() => Platform[interval](5)[take](2))));

line('catchTaskErrors handler returning an RxJS 9 Observable (not a task)',
  await run(rx7.throwError(() => new tg.TaskGroupError([new Error('x')])).pipe(tg.catchTaskErrors(Error, () => Platform.from(['handled'])))));

line('the other way: Observable.from(withTaskGroup(...)) (RxJS 9 reading an RxJS 7 Observable)',
  (() => { try { Platform.from(tg.withTaskGroup(() => rx7.of(1))); return 'accepted'; } catch (error) { return brief(error); } })());

const rx7inRx9 = new Platform((subscriber) => {
  const subscription = tg.forkJoinTasks([rx7.of('seven')]).subscribe({
    next: (value) => subscriber.next(value), error: (error) => subscriber.error(error), complete: () => subscriber.complete(),
  });
  subscriber.addTeardown(() => subscription.unsubscribe());
});
line('the other way, bridged by hand: new Observable(subscriber => group.subscribe(...)), read with toArray()',
  JSON.stringify(await rx7inRx9.toArray()));

// What the engine is built from, looked for in RxJS 9.
const root9 = await rx9('index');
line('RxJS 9 root exports', Object.keys(root9).join(', '));
line('an RxJS 9 Observable has .pipe / [Symbol.observable] / [Symbol.asyncIterator]',
  [typeof ticks.pipe, typeof ticks[Symbol.observable ?? '@@observable'], typeof ticks[Symbol.asyncIterator]].join(' / '));
line('subclassing the platform Subscriber: class S extends Subscriber {}; new S()',
  (() => { try { new (class extends globalThis.Subscriber {})(); return 'constructed'; } catch (error) { return brief(error); } })());
line('what Observable.prototype.subscribe returns (RxJS 7 returns a Subscription)', String(Platform.from([1]).subscribe({})));

const reported = [];
process.on('uncaughtException', (error) => reported.push(brief(error)));
globalThis.addEventListener?.('error', (event) => { reported.push(`error event: ${brief(event.error)}`); event.preventDefault?.(); });
const throwingTeardown = new Platform((subscriber) => subscriber.addTeardown(() => { throw new Error('teardown failed'); }));
const outcomeOfThrowing = await run(tg.withTaskGroup((group) => { group.createTask(throwingTeardown).cancel(); }));
await new Promise((done) => setTimeout(done, 20));
line('a task whose platform teardown throws, cancelled', `${outcomeOfThrowing}; reported elsewhere: ${JSON.stringify(reported)}`);
