"""Celery application (cookiecutter / Celery docs layout); settings are the CELERY_* names in settings.py."""
import logging
import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings")

app = Celery("newsportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


@worker_init.connect
def load_engine_before_fork(**kwargs):
    """Build the moderation engine (word lists, scorer model) once in the worker's main process.

    Prefork children inherit it, so no task pays the load time. If it fails (database not up yet),
    each child builds it lazily on its first task instead.
    """
    from django.db import connections

    try:
        from moderation.runtime import get_engine

        get_engine()
    except Exception as exc:  # never keep a worker from starting
        logger.warning("moderation engine not preloaded (%s); it will load on the first task", type(exc).__name__)
    finally:
        # Database connections must not be shared with forked children.
        connections.close_all()
