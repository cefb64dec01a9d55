"""Test-only entry point: `python -m tests.moderation.worker_main -A newsportal worker ...`.

It runs the real Celery worker with the real engine, and adds two hooks read from the environment
(tests set them, production never runs this module):
- MODERATION_TEST_STARTED_FILE: append the comment id when a task starts (so a test knows a worker
  is holding the task before it kills it);
- MODERATION_TEST_DELAY: seconds to sleep when a task for a comment starts for the first time (per
  marker file), before the service reads or writes anything (a deterministic "slow task");
- MODERATION_TEST_CRASH_MARK: the pool process exits at once (like a segfault or the OOM killer)
  while moderating a comment whose body contains this text, after the run was counted (a
  "poison pill": the engine itself never finishes).
"""
import os
import sys
import time


def install_hooks() -> None:
    import django

    django.setup()
    from moderation import services

    real = services.comment_auto_moderate
    delay = float(os.environ.get("MODERATION_TEST_DELAY", "0") or 0)
    marker = os.environ.get("MODERATION_TEST_STARTED_FILE", "")

    def hooked(*, comment_id, **kwargs):
        first = True
        if marker:
            seen = open(marker).read().split() if os.path.exists(marker) else []
            first = str(comment_id) not in seen
            with open(marker, "a") as fh:
                fh.write(f"{comment_id}\n")
        if delay and first:  # only the first delivery of a comment is slow: a redelivery runs at once
            time.sleep(delay)
        return real(comment_id=comment_id, **kwargs)

    # The tasks look the service up on the module at call time, so this wraps every delivery.
    services.comment_auto_moderate = hooked

    crash_mark = os.environ.get("MODERATION_TEST_CRASH_MARK", "")
    if crash_mark:
        from moderation import runtime

        real_get_engine = runtime.get_engine

        class CrashingEngine:
            """The real engine, except that one text kills the process while it is being judged."""

            def __init__(self, engine):
                self._engine = engine

            def __getattr__(self, name):
                return getattr(self._engine, name)

            def evaluate(self, text, context=None):
                if crash_mark in text:
                    os._exit(1)
                return self._engine.evaluate(text, context)

        runtime.get_engine = lambda: CrashingEngine(real_get_engine())


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")
    install_hooks()
    from celery.bin.celery import main

    sys.argv = ["celery", *sys.argv[1:]]
    sys.exit(main())
