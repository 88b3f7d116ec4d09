// Several instances on one PostgreSQL (issue 11, goal 6; docs/operations.md, "Several instances"):
// two real server processes on one database with one seal key, driven over HTTP, must behave as one
// installation — a session begun on one is valid on the other and ends on both, a queued job runs
// once although both run workers and reads the same from both, the login limiter counts attempts on
// both together, and a closed round's results are the same JSON from either. PostgreSQL only: the
// embedded database admits one process per data directory (a lock file refuses a second).
import { describe, expect, it } from "vitest";
import { LOGIN_THROTTLES } from "./account/model.ts";
import { setPassword } from "./account/service.ts";
import { SESSION_COOKIE } from "./core/http.ts";
import { createSession } from "./core/sessions.ts";
import { generateOrg } from "./demo/synthetic.ts";
import { addPerson, addUnit, type TestPerson } from "./testing/app.ts";
import {
  addTenant,
  instancesForSuite,
  postgresTarget,
  prepareTenant,
  sessionCall,
  until,
} from "./testing/server-process.ts";

const PASSWORD = "Skala-ut-på-två-instanser";
const SESSION_POLICY = { idleMinutes: 60, absoluteHours: 12 };
/** Tenants whose HR imports are queued at once, so both instances' workers reach for the jobs. */
const IMPORTING_TENANTS = 4;
const UNITS = 3;
const STAFF_PER_UNIT = 6;
const ITEMS = ["tillit.1", "handlingsutrymme.1", "oppen.hjalp"];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

type Call = ReturnType<typeof sessionCall>;
type Job = { status: string; attempts: number; progress: number; progressTotal: number };
type ImportDetail = { status: string; job: Job | null; result: unknown };

/**
 * The same request to both instances; the answers must be byte for byte the same once `comparable`
 * has taken out what differs between any two reads by design.
 */
async function sameFromBoth(calls: [Call, Call], url: string, comparable = (body: string) => body) {
  const [a, b] = await Promise.all(calls.map((call) => call("GET", url)));
  const [bodyA, bodyB] = await Promise.all([a.text(), b.text()]);
  expect([a.status, b.status, url]).toEqual([200, 200, url]);
  expect(comparable(bodyB)).toBe(comparable(bodyA));
  return bodyA;
}

/** An overview with its comments in one order: they are shuffled at every read, so they tell no answering order. */
function commentsSorted(body: string): string {
  const overview = JSON.parse(body) as { comments: { itemId: string; body: string }[] | null };
  const key = (c: { itemId: string; body: string }) => `${c.itemId}\n${c.body}`;
  overview.comments?.sort((x, y) => key(x).localeCompare(key(y)));
  return JSON.stringify(overview);
}

/** Signs in with a password over HTTP: the session cookie's token and the CSRF token. */
async function signIn(port: number, email: string) {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
  const token = cookie?.slice(SESSION_COOKIE.length + 1).split(";")[0] ?? "";
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { token, csrfToken };
}

const wrongLogin = (port: number, email: string) =>
  fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "fel-lösenord-igen" }),
  });

describe.skipIf(!onPostgres)(
  "two server instances on one PostgreSQL (skipped on PGlite, which admits one process per data directory)",
  () => {
    // Workers poll often, so both reach for every job that is queued.
    const suite = instancesForSuite(postgresTarget, 2, { JOB_POLL_MS: "50" });
    const fixture = {} as {
      admin: TestPerson;
      limited: TestPerson;
      adminCalls: [Call, Call];
      respondents: { id: string; calls: [Call, Call] }[];
      board: { id: string };
      importers: [Call, Call][];
    };
    const ports = () => suite.instances.map((instance) => instance.port) as [number, number];

    it("start together on one database", async () => {
      const started = Date.now();
      const { setup, tenant, board, admin } = await prepareTenant(suite.target, "Skalkommun", "Ada Admin");
      const sessionFor = async (person: { id: string; tenantId: string }) => {
        const session = await createSession(
          setup.db,
          { tenantId: person.tenantId, personId: person.id },
          SESSION_POLICY,
        );
        return ports().map((port) => sessionCall(port, session)) as [Call, Call];
      };
      await setPassword(setup.db, { tenantId: tenant.id, personId: admin.id }, PASSWORD);
      const limited = await addPerson(setup.db, tenant.id, "Lisa Låst", [[board.id, "employee"]]);
      await setPassword(setup.db, { tenantId: tenant.id, personId: limited.id }, PASSWORD);
      const respondents = [];
      for (let u = 0; u < UNITS; u++) {
        const unit = await addUnit(setup.db, tenant.id, board, `Enhet ${u}`, "enhet", `E${u}`);
        for (let n = 0; n < STAFF_PER_UNIT; n++) {
          const person = await addPerson(setup.db, tenant.id, `Person ${u} ${n}`, [[unit.id, "employee"]]);
          respondents.push({ id: person.id, calls: await sessionFor(person) });
        }
      }
      const importers = [];
      for (let n = 0; n < IMPORTING_TENANTS; n++) {
        const other = await addTenant(setup.db, `Importkommun${n}`, `Imma Import ${n}`);
        importers.push(await sessionFor(other.admin));
      }
      Object.assign(fixture, {
        admin,
        limited,
        board,
        respondents,
        importers,
        adminCalls: await sessionFor(admin),
      });
      await setup.close();

      // Both migrate at start under one advisory lock; neither may fail.
      const setUp = Date.now() - started;
      await Promise.all(suite.instances.map(({ server }) => server.start()));
      console.info(`set-up ${setUp} ms, then both servers started in ${Date.now() - started - setUp} ms`);
      // Two processes loading the TypeScript sources at once take most of a minute on a loaded 2-core machine.
    }, 180_000);

    it("share sessions: signed in on A, valid on B; signed out on B, ended on A", async () => {
      const [a, b] = ports();
      const session = await signIn(a, fixture.admin.email);
      const [onA, onB] = [sessionCall(a, session), sessionCall(b, session)];
      const meOnB = await onB("GET", "/api/auth/me");
      expect(meOnB.status).toBe(200);
      expect(await meOnB.json()).toMatchObject({ id: fixture.admin.id, csrfToken: session.csrfToken });

      expect((await onB("POST", "/api/auth/logout", {})).status).toBe(204);
      expect((await onA("GET", "/api/auth/me")).status).toBe(401);
      expect((await onB("GET", "/api/auth/me")).status).toBe(401);
    });

    it("count failed logins on both together: the limit is hit across A and B", async () => {
      const [a, b] = ports();
      const { free } = LOGIN_THROTTLES.pair;
      // The free failures spread over both instances, A, B, A, B, …: none of them alone reaches the limit.
      for (let attempt = 0; attempt < free; attempt++) {
        const response = await wrongLogin(attempt % 2 ? b : a, fixture.limited.email);
        expect(response.status).toBe(401);
      }
      // The next attempt is refused on either instance, the right password too, with the wait to come back.
      for (const port of [a, b]) {
        const refused = await wrongLogin(port, fixture.limited.email);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      const rightButWaiting = await fetch(`http://127.0.0.1:${b}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: fixture.limited.email, password: PASSWORD }),
      });
      expect(rightButWaiting.status).toBe(429);
    });

    it("run each queued job once although both run workers, and read its progress the same from both", async () => {
      const started = Date.now();
      // Each tenant queues an HR import, half of them through A and half through B, all at once.
      const queued = await Promise.all(
        fixture.importers.map(async (calls, n) => {
          const call = calls[n % 2];
          const files = generateOrg({ employees: 400, units: 40, seed: 100 + n });
          const upload = await call("POST", "/api/org/imports", { ...files, fullImport: false });
          expect(upload.status).toBe(201);
          const { id } = (await upload.json()) as { id: string };
          const commit = await call("POST", `/api/org/imports/${id}/commit`, {});
          expect(commit.status).toBe(202);
          const { jobId } = (await commit.json()) as { jobId: number };
          return { calls, id, jobId };
        }),
      );

      // Followed alternately on A and B, as a load balancer would: progress never goes back.
      await Promise.all(
        queued.map(async ({ calls, id }) => {
          let seen = 0;
          let turn = 0;
          await until(`import ${id}`, async () => {
            const detail = (await (
              await calls[turn++ % 2]("GET", `/api/org/imports/${id}`)
            ).json()) as ImportDetail;
            const done = detail.job?.progress ?? 0;
            expect(done).toBeGreaterThanOrEqual(seen);
            seen = done;
            return detail.status === "succeeded" || detail.status === "failed";
          });
        }),
      );

      for (const { calls, id, jobId } of queued) {
        const detail = JSON.parse(await sameFromBoth(calls, `/api/org/imports/${id}`)) as ImportDetail;
        expect(detail.status).toBe("succeeded");
        const job = JSON.parse(await sameFromBoth(calls, `/api/jobs/${jobId}`)) as Job;
        // Claimed once: a second claim would have counted a second attempt.
        expect(job).toMatchObject({ status: "succeeded", attempts: 1 });
        expect(job.progress).toBe(job.progressTotal);
        // Applied once: one completion in the tenant's audit log, whichever instance is asked.
        const audit = JSON.parse(
          await sameFromBoth(calls, "/api/admin/audit?action=org.import.complete"),
        ) as {
          items: unknown[];
        };
        expect(audit.items).toHaveLength(1);
      }
      console.info(`${queued.length} imports queued, run and compared: ${Date.now() - started} ms`);
    });

    it("give the same results of a closed round from A and from B", async () => {
      const started = Date.now();
      const [onA, onB] = fixture.adminCalls;
      // No embargo, so the administrator sees every unit's figures at once.
      expect((await onA("PATCH", "/api/barometer/settings", { embargoDays: 0 })).status).toBe(200);
      const opened = await onA("POST", "/api/barometer/rounds", {
        title: "Två instanser",
        unitId: fixture.board.id,
        itemIds: ITEMS,
        opensAt: day(0),
        closesAt: day(14),
      });
      expect(opened.status).toBe(201);
      const { id: roundId } = (await opened.json()) as { id: string };

      // Everyone answers at once, every other person through the other instance.
      const statuses = await Promise.all(
        fixture.respondents.map(async ({ calls }, index) => {
          const response = await calls[index % 2]("POST", `/api/barometer/rounds/${roundId}/responses`, {
            answers: [
              { itemId: "tillit.1", value: 1 + (index % 5) },
              { itemId: "handlingsutrymme.1", value: 1 + (index % 4) },
              { itemId: "oppen.hjalp", text: `Svar ${index}` },
            ],
          });
          return response.status;
        }),
      );
      expect(statuses).toEqual(fixture.respondents.map(() => 201));
      expect((await onB("POST", `/api/barometer/rounds/${roundId}/close`, {})).status).toBe(200);

      // Each view's first request on each instance: nothing of it was cached in either process.
      const calls: [Call, Call] = [onA, onB];
      const results = JSON.parse(await sameFromBoth(calls, `/api/barometer/rounds/${roundId}/results`)) as {
        itemId: string;
        n?: number;
      }[];
      // Every scale item counted (closing may hold back one answer for the anonymity of the last batch);
      // the open question's answers are comments, in the overview.
      expect(results.map((item) => item.itemId).sort()).toEqual(["handlingsutrymme.1", "tillit.1"]);
      for (const item of results) expect(item.n).toBeGreaterThanOrEqual(fixture.respondents.length - 1);
      const overview = JSON.parse(
        await sameFromBoth(calls, `/api/barometer/rounds/${roundId}/overview`, commentsSorted),
      ) as { participation: { respondents?: number; invited?: number }; comments: unknown[] | null };
      // Everyone on the board's units is invited: the respondents, the administrator and Lisa.
      expect(overview.participation.invited).toBe(fixture.respondents.length + 2);
      expect(overview.comments?.length).toBeGreaterThan(0);
      expect(overview.participation.respondents).toBeGreaterThanOrEqual(fixture.respondents.length - 1);
      await sameFromBoth(calls, `/api/barometer/rounds/${roundId}/heatmap`);
      await sameFromBoth(calls, `/api/barometer/rounds/${roundId}`);
      await sameFromBoth(calls, `/api/barometer/rounds/${roundId}/export.csv`);
      console.info(`round answered, closed and compared: ${Date.now() - started} ms`);
    });
  },
);
