"""Benchmark the moderation engine on one core (plain script, no Django).

    python bench/bench_engine.py [--n 3000] [--seed 1]

Comments are generated from small word pools (no dataset rows): short (~50 chars), typical
(~300 chars) and long (~2,000 chars).  A "novel words" run uses random letter strings so that no
per-process cache helps: the worst case for the scorer.  Prints comments/second and p50/p99
latency of ``Engine.evaluate`` per comment.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from moderation.engine import default_engine  # noqa: E402

WORDS = (
    "الحكومة الوزير القرار الشعب المدينة الاقتصاد الأسعار السوق المواطن التعليم المدرسة الجامعة "
    "الطلاب الصحة المستشفى الطريق الشتاء المطر الفريق المباراة المدرب الهدف الجمهور الكاتب المقال "
    "الخبر التقرير البرلمان الانتخابات الدستور الحرية الأمن السلام الاستثمار البنك الدولار الراتب "
    "العمل الشباب الأسرة الأطفال المستقبل الماضي اليوم أمس غدا جدا كثيرا قليلا لكن لأن حتى بعد قبل "
    "هذا هذه ذلك التي الذي في على من إلى عن مع هل لماذا كيف متى أين نعم لا شكرا للأسف بصراحة "
    "أتمنى أعتقد أرى أوافق أختلف رائع ممتاز سيء ضعيف مهم مفيد واضح صعب سهل جديد قديم كبير صغير"
).split()
SPICE = ("غبي", "حمار", "تافه", "كذاب", "يا", "انت", "http://example.com/a", "😂", "!!!", "WOW")
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def sentence(rng: random.Random, target: int, spice: float = 0.05, novel: bool = False) -> str:
    words: list[str] = []
    size = 0
    while size < target:
        if novel:
            w = "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 8)))
        elif rng.random() < spice:
            w = rng.choice(SPICE)
        else:
            w = rng.choice(WORDS)
        words.append(w)
        size += len(w) + 1
        if rng.random() < 0.08:
            words[-1] += rng.choice("،.؟!")
    return " ".join(words)[:target]


def run(engine, texts: list[str]) -> dict:
    """Wall-clock and CPU (thread) time per comment; CPU time is robust to a busy machine."""
    wall, cpu = [], []
    w_all, c_all = time.perf_counter(), time.thread_time()
    for t in texts:
        w0, c0 = time.perf_counter(), time.thread_time()
        engine.evaluate(t)
        cpu.append(time.thread_time() - c0)
        wall.append(time.perf_counter() - w0)
    w_total, c_total = time.perf_counter() - w_all, time.thread_time() - c_all
    wall.sort()
    cpu.sort()

    def pct(xs, q):
        return 1000 * xs[min(len(xs) - 1, int(q * len(xs)))]

    return {
        "n": len(texts),
        "per_s_wall": len(texts) / w_total,
        "per_s_cpu": len(texts) / c_total,
        "p50_ms": pct(wall, 0.5), "p99_ms": pct(wall, 0.99),
        "cpu_p50_ms": pct(cpu, 0.5), "cpu_p99_ms": pct(cpu, 0.99),
        "mean_chars": sum(map(len, texts)) / len(texts),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=3000, help="comments per size")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
        except OSError:
            pass
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    engine = default_engine()
    print(f"engine {engine.version}  (load {time.perf_counter() - t0:.2f} s)")
    for t in (sentence(rng, 300) for _ in range(300)):  # warm-up
        engine.evaluate(t)
    cases = [
        ("short ~50 chars", [sentence(rng, 50) for _ in range(args.n)]),
        ("typical ~300 chars", [sentence(rng, 300) for _ in range(args.n)]),
        ("long ~2000 chars", [sentence(rng, 2000) for _ in range(max(200, args.n // 5))]),
        ("300 chars, novel words (cold cache)",
         [sentence(rng, 300, novel=True) for _ in range(max(200, args.n // 5))]),
    ]
    print("wall = elapsed time; cpu = this thread's CPU time (what one free core would take)")
    print(f"{'case':38s} {'n':>6s} {'/s wall':>8s} {'/s cpu':>8s} {'p50 ms':>7s} {'p99 ms':>7s}"
          f" {'cpu p50':>8s} {'cpu p99':>8s}")
    for name, texts in cases:
        r = run(engine, texts)
        print(f"{name:38s} {r['n']:6d} {r['per_s_wall']:8.0f} {r['per_s_cpu']:8.0f} "
              f"{r['p50_ms']:7.3f} {r['p99_ms']:7.3f} {r['cpu_p50_ms']:8.3f} {r['cpu_p99_ms']:8.3f}")
    try:
        load = os.getloadavg()[0]
        if load > (os.cpu_count() or 1) * 0.7:
            print(f"note: load average {load:.1f} on {os.cpu_count()} cores: wall figures are inflated")
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
