"""Load and endurance: gunicorn (2 workers) + PostgreSQL + Redis + one Celery worker, loopback only.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsportal_bench python bench/bench_load.py

(scripts/bench.sh, i.e. `make bench`, creates and migrates that database and runs this file.) It starts a
private redis-server (broker and cache) on a free port, `gunicorn -w 2` and one `celery worker` process,
all on 127.0.0.1, then measures:

1. a mixed load for --seconds (60): reads of the article page and of the API's comment list, and 10 % posts
   (half through the form with its CSRF token, half through the API), from --clients concurrent clients:
   requests/s, p50/p95/p99 latency, errors (anything but the expected answer; must be 0). Afterwards every
   posted comment must reach a decision: none lost, none decided twice (audit rows per comment).
2. the article page with 500 approved comments: requests/s and latency with as many connections, driven by
   `wrk` when it is installed (Debian package; much lighter than a Python client, which would take CPU from
   the server on a 2-core machine) or else by the same Python clients, and the SQL queries per render
   (counted in-process). Targets: >= 150 requests/s, <= 6 queries.

All traffic comes from one address, so the per-IP and per-author post limits and the API throttle are raised
for the server processes (environment only). Comment texts come from small word pools written here.
Everything it creates is deleted at the end. Exit status 1 when a correctness check fails (an error, a lost or
doubly decided comment); a missed speed target is reported loudly but depends on how idle the machine is.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")

import django  # noqa: E402

django.setup()
import logging  # noqa: E402

logging.getLogger("httpx").setLevel(logging.WARNING)

import httpx  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from comments.identity import email_key  # noqa: E402
from comments.models import Article, Comment  # noqa: E402
from moderation.models import ModerationDecision  # noqa: E402
from tests.moderation.workers import RedisServer, free_port, wait_for  # noqa: E402

OPENINGS = ("شكرا على التقرير عن", "أختلف مع ما قيل عن", "أتفق مع الكاتبة في", "عندي سؤال عن", "أتمنى متابعة")
SUBJECTS = ("أسعار الوقود", "خطة النقل", "موسم الحصاد", "مشروع المكتبة", "نتائج الامتحانات", "الطقس هذا الأسبوع")
ENDINGS = ("مع التحية.", "ننتظر التفاصيل.", "الأرقام غير واضحة!", "ما رأيكم؟", "")
TARGET_RPS, TARGET_QUERIES = 150, 6


def text(rng: random.Random, n: int) -> str:
    return f"{rng.choice(OPENINGS)} {rng.choice(SUBJECTS)} ({n}) {rng.choice(ENDINGS)}".strip()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def make_article(slug: str, approved: int, rng: random.Random) -> Article:
    article = Article.objects.create(title=f"خبر اختبار الحمل {slug}", slug=slug, writer_name="كاتب الاختبار",
                                     body="نص الخبر.\n\nفقرة ثانية من الخبر.")
    top = Comment.objects.bulk_create(
        Comment(article=article, author_name=f"قارئ {i}", author_email=f"load{i}@example.com",
                author_key=email_key(f"load{i}@example.com"), body=text(rng, i), status=Comment.Status.APPROVED,
                author_website="https://reader.example/" if i % 7 == 0 else "")
        for i in range(approved - approved // 5)
    )
    Comment.objects.bulk_create(
        Comment(article=article, parent=top[i], depth=1, author_name=f"مجيب {i}", author_email=f"reply{i}@example.com",
                author_key=email_key(f"reply{i}@example.com"), body=text(rng, i), status=Comment.Status.APPROVED)
        for i in range(approved // 5)
    )
    return article


class Processes:
    """gunicorn and the Celery worker, each in its own process group; killed at the end whatever happens."""

    def __init__(self, env: dict, log_dir: Path):
        self.env, self.log_dir, self.procs = env, log_dir, []

    def start(self, name: str, argv: list[str]) -> None:
        log = open(self.log_dir / f"load-{name}.log", "wb")
        self.procs.append(subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                           start_new_session=True))

    def stop(self) -> None:
        for proc in self.procs:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


class Recorder:
    def __init__(self):
        self.latencies: list[float] = []
        self.errors: dict[str, int] = {}
        self.server_errors = 0
        self.posted: list[int] = []
        self.counts: dict[str, int] = {}

    def record(self, kind: str, began: float, ok: bool, detail: str = "") -> None:
        self.latencies.append((time.perf_counter() - began) * 1000)
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if not ok:
            self.errors[f"{kind}: {detail}"] = self.errors.get(f"{kind}: {detail}", 0) + 1

    def summary(self, seconds: float) -> dict:
        return {
            "requests": len(self.latencies), "seconds": round(seconds, 1),
            "requests_per_second": round(len(self.latencies) / seconds, 1),
            "p50_ms": round(percentile(self.latencies, 0.50), 1), "p95_ms": round(percentile(self.latencies, 0.95), 1),
            "p99_ms": round(percentile(self.latencies, 0.99), 1), "errors": sum(self.errors.values()),
            "server_errors_5xx": self.server_errors, "error_kinds": self.errors, "by_kind": self.counts,
        }


async def client_loop(base: str, slug: str, deadline: float, rec: Recorder, rng: random.Random, post_share: float,
                      seq: list[int]) -> None:
    page, api = f"/articles/{slug}/", f"/api/v1/articles/{slug}/comments/"
    async with httpx.AsyncClient(base_url=base, timeout=30, headers={"Accept-Language": "ar"}) as http:
        token = None
        while time.perf_counter() < deadline:
            roll = rng.random()
            began = time.perf_counter()
            try:
                if roll < post_share / 2:
                    kind = "form_post"
                    if token is None:
                        html = (await http.get(page)).text
                        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
                        began = time.perf_counter()
                    seq[0] += 1
                    n = seq[0]
                    response = await http.post(page, data={
                        "csrfmiddlewaretoken": token, "name": f"زائر {n}", "email": f"visitor{n}@example.com",
                        "body": text(rng, n)}, headers={"Referer": base + page})
                    ok = response.status_code == 302 and "#c" in response.headers.get("location", "")
                    if ok:
                        rec.posted.append(int(response.headers["location"].rsplit("#c", 1)[1]))
                elif roll < post_share:
                    kind = "api_post"
                    seq[0] += 1
                    n = seq[0]
                    response = await http.post(api, json={"name": f"زائر {n}", "email": f"visitor{n}@example.com",
                                                          "body": text(rng, n)})
                    ok = response.status_code == 202
                    if ok:
                        rec.posted.append(response.json()["id"])
                elif roll < post_share + (1 - post_share) / 2:
                    kind = "page_get"
                    response = await http.get(page)
                    ok = response.status_code == 200
                else:
                    kind = "api_get"
                    response = await http.get(api)
                    ok = response.status_code == 200
                if response.status_code >= 500:
                    rec.server_errors += 1
                rec.record(kind, began, ok, str(response.status_code))
            except httpx.HTTPError as exc:
                rec.record("transport", began, False, type(exc).__name__)


async def run_load(base: str, slug: str, seconds: float, clients: int, post_share: float, seed: int) -> tuple:
    rec, seq = Recorder(), [int(time.time())]
    began = time.perf_counter()
    deadline = began + seconds
    await asyncio.gather(*(client_loop(base, slug, deadline, rec, random.Random(seed + i), post_share, seq)
                           for i in range(clients)))
    return rec, time.perf_counter() - began


def wrk_page(url: str, seconds: float, clients: int) -> dict | None:
    """The article page under wrk (Debian's C load generator: far lighter than Python on a 2-core machine)."""
    if not shutil.which("wrk"):
        return None
    out = subprocess.run(["wrk", "-t1", f"-c{clients}", f"-d{int(seconds)}s", "--latency", "--timeout", "10s", url],
                         capture_output=True, text=True, timeout=seconds + 60).stdout

    def ms(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.M)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 1)

    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"generator": "wrk", "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50_ms": ms("50"), "p90_ms": ms("90"), "p99_ms": ms("99"),
            "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0), "raw": out}


def queries_per_render(article: Article) -> int:
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="ar")
    client.get(article.get_absolute_url())  # warm: translations, templates
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(article.get_absolute_url()).status_code == 200
    return len(ctx.captured_queries)


def check_decisions(ids: list[int], timeout: float) -> dict:
    """Every posted comment reached a decision (none lost, none pending), and exactly one automatic decision."""
    try:
        wait_for(lambda: not Comment.objects.filter(pk__in=ids, status=Comment.Status.PENDING).exists(),
                 timeout=timeout, interval=0.5, what="every posted comment to be decided")
    except AssertionError:
        pass
    found = set(Comment.objects.filter(pk__in=ids).values_list("pk", flat=True))
    pending = Comment.objects.filter(pk__in=ids, status=Comment.Status.PENDING).count()
    rows = dict(ModerationDecision.objects.filter(comment_id__in=ids).values_list("comment_id")
                .annotate(n=Count("id")).values_list("comment_id", "n"))
    statuses = dict(Comment.objects.filter(pk__in=ids).values_list("status").annotate(n=Count("id"))
                    .values_list("status", "n"))
    return {
        "posted": len(ids), "distinct": len(set(ids)), "lost": len(set(ids) - found), "still_pending": pending,
        "without_decision_row": sum(1 for i in found if rows.get(i, 0) == 0),
        "decided_twice": sum(1 for n in rows.values() if n > 1), "statuses": statuses,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--page-seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--post-share", type=float, default=0.10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("bench_load: needs PostgreSQL (DATABASE_URL=postgres://...); gunicorn and the worker share it",
              file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    out_dir = ROOT / "bench-results"
    out_dir.mkdir(exist_ok=True)
    stamp = f"{os.getpid()}-{time.time_ns() % 10**9}"
    mixed = make_article(f"load-mixed-{stamp}", 40, rng)
    big = make_article(f"load-500-{stamp}", 500, rng)
    broker = RedisServer().start()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    unlimited = "1000000/60"
    env = {**os.environ, "REDIS_URL": broker.url, "DATABASE_CONN_MAX_AGE": "60", "DJANGO_DEBUG": "0",
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_LOG_LEVEL": "WARNING",
           "COMMENTS_RATE_LIMIT_IP": unlimited, "COMMENTS_RATE_LIMIT_AUTHOR": unlimited,
           "API_THROTTLE_POST": "1000000/min", "CELERY_TASK_ALWAYS_EAGER": "0"}
    procs = Processes(env, out_dir)
    try:
        procs.start("gunicorn", [str(ROOT / ".venv/bin/gunicorn"), "newsportal.wsgi:application", "-w", "2",
                                 "-b", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "60"])
        procs.start("worker", [sys.executable, "-m", "celery", "-A", "newsportal", "worker", "-Q", "moderation,bulk",
                               "--concurrency", "1", "--prefetch-multiplier", "4", "-P", "prefork", "--without-gossip",
                               "--without-mingle", "--without-heartbeat", "-l", "warning", "-n", f"load-{stamp}@%h"])

        def up():
            try:
                return httpx.get(base + big.get_absolute_url(), timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_for(up, timeout=60, interval=0.2, what="gunicorn")
        asyncio.run(run_load(base, mixed.slug, 3, args.clients, 0.0, args.seed))  # warm-up, reads only

        rec, took = asyncio.run(run_load(base, mixed.slug, args.seconds, args.clients, args.post_share, args.seed))
        load = rec.summary(took)
        decisions = check_decisions(rec.posted, timeout=120)

        page = wrk_page(base + big.get_absolute_url(), args.page_seconds, args.clients)
        if page is None:  # no wrk on this machine: the Python generator (it takes CPU from the server)
            page_rec, page_took = asyncio.run(run_load(base, big.slug, args.page_seconds, args.clients, 0.0,
                                                       args.seed))
            page = {**page_rec.summary(page_took), "generator": "python"}
        page["queries_per_render"] = queries_per_render(big)
        page["comments_on_page"] = Comment.objects.filter(article=big, status=Comment.Status.APPROVED).count()
    finally:
        procs.stop()
        broker.stop()
        Article.objects.filter(pk__in=[mixed.pk, big.pk]).delete()

    result = {"mixed_load": load, "decisions": decisions, "page_500_comments": page, "clients": args.clients,
              "gunicorn_workers": 2, "celery_workers": 1, "cpus": os.cpu_count(),
              "load_average_1min": round(os.getloadavg()[0], 2)}
    (out_dir / "load.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"load: mixed {args.seconds:.0f} s, {args.clients} clients, {args.post_share:.0%} posts: "
          f"{load['requests_per_second']} req/s, p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms, "
          f"p99 {load['p99_ms']} ms, errors {load['errors']} (5xx {load['server_errors_5xx']}) {load['by_kind']}")
    if load["error_kinds"]:
        print(f"load: error kinds {load['error_kinds']}")
    print(f"load: {decisions['posted']} comments posted: lost {decisions['lost']}, still pending "
          f"{decisions['still_pending']}, without a decision row {decisions['without_decision_row']}, decided twice "
          f"{decisions['decided_twice']}; statuses {decisions['statuses']}")
    tail = f"p90 {page['p90_ms']} ms" if "p90_ms" in page else f"p95 {page['p95_ms']} ms"
    print(f"load: article page with {page['comments_on_page']} approved comments ({page['generator']}, "
          f"{args.clients} connections): {page['requests_per_second']} req/s (target >= {TARGET_RPS}), "
          f"p50 {page['p50_ms']} ms, {tail}, p99 {page['p99_ms']} ms, errors {page['errors']}; "
          f"{page['queries_per_render']} SQL queries per render (target <= {TARGET_QUERIES})")
    print(f"load: {result['cpus']} CPUs shared by the load generator, gunicorn, the worker, PostgreSQL and Redis; "
          f"load average {result['load_average_1min']} at the end")
    correct = (load["errors"] == 0 and page["errors"] == 0 and decisions["lost"] == 0 and decisions["still_pending"] == 0
               and decisions["decided_twice"] == 0 and decisions["without_decision_row"] == 0)
    fast = page["requests_per_second"] >= TARGET_RPS and page["queries_per_render"] <= TARGET_QUERIES
    if not correct:
        print("load: FAILED correctness (errors, lost or doubly decided comments)", file=sys.stderr)
    if not fast:  # reported, not fatal: throughput depends on what else the machine is doing
        print("load: TARGET MISSED (article page requests/s or queries per render); see the load average above",
              file=sys.stderr)
    return 0 if correct else 1


if __name__ == "__main__":
    sys.exit(main())
