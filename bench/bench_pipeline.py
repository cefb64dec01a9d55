"""Benchmark the live moderation pipeline: real PostgreSQL, real Redis, real `celery worker` processes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsportal_bench python bench/bench_pipeline.py

(scripts/bench.sh creates and migrates that database.) It starts a private redis-server on a free
port, so no other worker on the machine can take its tasks, and measures:

1. submit-to-decision latency, p50/p95: one worker (one process), comments posted one at a time
   through comments.services.comment_create (insert, commit, enqueue on commit), measured from just
   before that call to the decision time the worker records (`decided_at`, taken in the same
   transaction that writes the decision, a millisecond or so before its commit);
2. decisions per second with 1 and 2 worker processes: a burst of comments enqueued at once.

Comment texts are generated from small word pools written for this bench (no dataset rows).
Everything it creates is deleted at the end.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from comments.identity import email_key  # noqa: E402
from comments.models import Article, Comment  # noqa: E402
from comments.services import comment_create  # noqa: E402
from moderation.dispatch import LIVE, comment_enqueue_many  # noqa: E402
from tests.moderation.workers import RedisServer, point_celery_at, wait_for  # noqa: E402

OPENINGS = "شكرا للكاتبة على|أختلف مع|أتفق تماما مع|لم يعجبني|أتمنى أن يتابع الموقع|سؤالي عن".split("|")
SUBJECTS = ("هذا التقرير", "قرار الوزارة", "أسعار الخبز", "خطة النقل الجديدة", "نتيجة المباراة", "مشروع المدرسة",
            "تحليل الاقتصاد", "موسم الأمطار")
ENDINGS = ("والله الموضوع مهم.", "ننتظر التفاصيل.", "الأرقام غير واضحة!", "مع التحية.", "ما رأيكم؟",
           "زوروا موقعي http://example.com للمزيد", "يا غبي اقرأ جيدا", "")


def text(rng: random.Random) -> str:
    return f"{rng.choice(OPENINGS)} {rng.choice(SUBJECTS)}، {rng.choice(ENDINGS)}".strip()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class BenchWorker:
    def __init__(self, broker_url: str, concurrency: int, log_dir: Path):
        self.log_path = log_dir / f"bench-worker-c{concurrency}.log"
        env = {**os.environ, "REDIS_URL": broker_url}
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "newsportal", "worker", "-Q", "moderation,bulk",
             "--concurrency", str(concurrency), "--prefetch-multiplier", "1", "--without-gossip",
             "--without-mingle", "--without-heartbeat", "-P", "prefork", "-l", "warning",
             "-n", f"bench-c{concurrency}-{os.getpid()}@%h"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, 9)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)
        self.log.close()


def decided(comment_id: int):
    return Comment.objects.filter(pk=comment_id).exclude(status=Comment.Status.PENDING).values_list(
        "decided_at", flat=True).first()


def measure_latency(article: Article, n: int, rng: random.Random) -> list[float]:
    latencies = []
    for i in range(n):
        submitted = time.time()
        comment = comment_create(article=article, name=f"قارئ {i}", email=f"bench{i}@example.com", body=text(rng))
        decided_at = wait_for(lambda: decided(comment.pk), timeout=30, interval=0.002, what="a decision")
        latencies.append((decided_at.timestamp() - submitted) * 1000)
    return latencies


def measure_throughput(article: Article, n: int, rng: random.Random) -> float:
    comments = Comment.objects.bulk_create(
        Comment(article=article, author_name=f"قارئ {i}", author_email=f"burst{i}@example.com",
                author_key=email_key(f"burst{i}@example.com"), body=text(rng), status=Comment.Status.PENDING)
        for i in range(n)
    )
    ids = [c.pk for c in comments]
    began = time.time()
    for _ in comment_enqueue_many(ids, queue=LIVE, chunk_size=200):
        pass
    wait_for(lambda: not Comment.objects.filter(pk__in=ids, status=Comment.Status.PENDING).exists(),
             timeout=600, interval=0.05, what="the burst to be decided")
    last = max(Comment.objects.filter(pk__in=ids).values_list("decided_at", flat=True))
    return n / (last.timestamp() - began)


def run_with_worker(broker: RedisServer, concurrency: int, log_dir: Path, body):
    worker = BenchWorker(broker.url, concurrency, log_dir)
    try:
        article = Article.objects.create(title="bench", slug=f"bench-{os.getpid()}-{concurrency}-{time.time_ns()}",
                                         writer_name="كاتب الاختبار", body="نص")
        try:
            # Warm-up: the worker is ready when it has decided a first comment.
            warm = comment_create(article=article, name="تحمية", email="warm@example.com", body="تعليق أول")
            wait_for(lambda: decided(warm.pk), timeout=60, interval=0.05, what="the worker to start")
            return body(article)
        finally:
            article.delete()
    finally:
        worker.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency-n", type=int, default=200, help="comments posted one at a time")
    parser.add_argument("--burst-n", type=int, default=1000, help="comments per throughput burst")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("bench_pipeline: needs PostgreSQL (DATABASE_URL=postgres://...); workers share the database",
              file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    out_dir = ROOT / "bench-results"
    out_dir.mkdir(exist_ok=True)
    broker = RedisServer().start()
    point_celery_at(broker.url)
    try:
        latencies = run_with_worker(broker, 1, out_dir, lambda a: measure_latency(a, args.latency_n, rng))
        rate = {c: run_with_worker(broker, c, out_dir, lambda a: measure_throughput(a, args.burst_n, rng))
                for c in (1, 2)}
    finally:
        broker.stop()
    result = {
        "latency_ms": {"n": len(latencies), "p50": round(statistics.median(latencies), 1),
                       "p95": round(percentile(latencies, 0.95), 1), "max": round(max(latencies), 1)},
        "decisions_per_second": {f"{c}_process": round(r, 1) for c, r in rate.items()},
        "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    (out_dir / "pipeline.json").write_text(json.dumps(result, indent=2))
    lat = result["latency_ms"]
    print(f"pipeline: submit-to-decision latency, 1 worker process, {lat['n']} comments one at a time: "
          f"p50 {lat['p50']} ms, p95 {lat['p95']} ms, max {lat['max']} ms (target p95 <= 300 ms)")
    for c, r in rate.items():
        print(f"pipeline: throughput, {args.burst_n}-comment burst, {c} worker process(es): {r:.1f} decisions/s")
    print(f"pipeline: {result['cpus']} CPUs, load average {result['load_average_1min']} at the end "
          "(figures are only meaningful on an idle machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
