"""Thin Celery tasks of the comments app (STYLE.md): call the service, nothing else."""
from celery import shared_task


@shared_task(ignore_result=True)
def comment_clear_expired_network_data() -> int:
    """Beat task (CELERY_BEAT_SCHEDULE): clear IP addresses and user agents past the retention period."""
    from comments import privacy

    return privacy.comment_clear_expired_network_data()
