// Scheduled jobs that run exactly once per due time however many server processes share the
// database (README "Scaling out"). Each job has a row in scheduled_jobs (migration 024). Every
// process looks once a second for due jobs; to run one it locks the row (FOR UPDATE SKIP LOCKED:
// a process that finds it locked moves on), checks nobody is running it, moves next_run_at on to
// the next due time after now and records the run, all in one transaction; then runs it outside
// that transaction (the jobs use their own). A process that dies mid-run leaves running_by set;
// after LEASE_SECONDS another may run the job again. On PGlite the same code runs in the one
// process.
import type { Db } from '../db/db.ts';

export type Job = {
  name: string;
  /** How often it falls due (the row's every_seconds, set from this when the row is made). */
  everySeconds: number;
  run: () => Promise<unknown>;
};

/** A run still marked running after this long is taken for dead (its process crashed). */
export const LEASE_SECONDS = 15 * 60;
/** Runs kept in scheduled_job_runs, per job (the rest are deleted as new ones come). */
const RUNS_KEPT_DAYS = 2;

export type JobRunner = {
  /** Claim and run, now, whatever is due (the timer calls this every second). */
  tick: () => Promise<string[]>;
  stop: () => Promise<void>;
};

export async function registerJobs(db: Db, jobs: Job[]): Promise<void> {
  for (const j of jobs)
    await db.query('INSERT INTO scheduled_jobs (name, every_seconds) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      j.name,
      j.everySeconds,
    ]);
}

/** Claims job `name` if it is due and nobody runs it; returns its due time, or null. */
export async function claimJob(db: Db, name: string, instance: string): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ due: string }>(
      `SELECT next_run_at::text AS due FROM scheduled_jobs
       WHERE name = $1 AND next_run_at <= now()
         AND (running_by IS NULL OR running_since < now() - make_interval(secs => $2))
       FOR UPDATE SKIP LOCKED`,
      [name, LEASE_SECONDS],
    );
    if (!row) return null;
    // The next due time is the first one after now on this job's rhythm (missed ones are skipped).
    await tx.query(
      `UPDATE scheduled_jobs SET
         next_run_at = next_run_at + make_interval(secs => every_seconds * (floor(extract(epoch FROM now() - next_run_at) / every_seconds) + 1)),
         running_by = $2, running_since = now(), last_run_at = now(), runs = runs + 1
       WHERE name = $1`,
      [name, instance],
    );
    await tx.query('INSERT INTO scheduled_job_runs (name, due_at, instance) VALUES ($1, $2, $3)', [name, row.due, instance]);
    return row.due;
  });
}

async function finishJob(db: Db, name: string, due: string, instance: string, error: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('UPDATE scheduled_job_runs SET finished_at = now(), error = $3 WHERE name = $1 AND due_at = $2', [name, due, error]);
    await tx.query(
      `UPDATE scheduled_jobs SET running_by = NULL, running_since = NULL, last_finished_at = now(), last_error = $3
       WHERE name = $1 AND running_by = $2`,
      [name, instance, error],
    );
    await tx.query(`DELETE FROM scheduled_job_runs WHERE name = $1 AND started_at < now() - make_interval(days => $2)`, [
      name,
      RUNS_KEPT_DAYS,
    ]);
  });
}

/**
 * Registers the jobs and runs them when due, every `pollMs`, as `instance`. Errors are logged
 * with the job's name and kept in its row (last_error); the job falls due again on its rhythm.
 */
export async function startJobs(
  db: Db,
  jobs: Job[],
  instance: string,
  log: (msg: string, err?: unknown) => void,
  pollMs = 1000,
): Promise<JobRunner> {
  await registerJobs(db, jobs);
  const running = new Set<string>();
  let stopped = false;
  const inFlight = new Set<Promise<unknown>>();
  const runOne = async (job: Job, due: string) => {
    let error: string | null = null;
    try {
      await job.run();
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      log(`scheduled job ${job.name} failed`, err);
    }
    await finishJob(db, job.name, due, instance, error?.slice(0, 2000) ?? null);
  };
  const tick = async () => {
    if (stopped) return [];
    const due = await db.query<{ name: string }>('SELECT name FROM scheduled_jobs WHERE next_run_at <= now()');
    const started: string[] = [];
    for (const { name } of due) {
      const job = jobs.find((j) => j.name === name);
      if (!job || running.has(name)) continue;
      const at = await claimJob(db, name, instance);
      if (at === null) continue;
      started.push(name);
      running.add(name);
      const p = runOne(job, at)
        .catch((err) => log(`scheduled job ${name}: could not record the run`, err))
        .finally(() => {
          running.delete(name);
          inFlight.delete(p);
        });
      inFlight.add(p);
    }
    return started;
  };
  let ticking = false;
  const timer = setInterval(() => {
    if (ticking) return;
    ticking = true;
    tick()
      .catch((err) => log('scheduled jobs: could not look for due jobs', err))
      .finally(() => {
        ticking = false;
      });
  }, pollMs);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
