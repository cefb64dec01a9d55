"""Admin login lockout (django-axes), installed first in AUTHENTICATION_BACKENDS."""
from axes.backends import AxesStandaloneBackend


class LoginRateLimitBackend(AxesStandaloneBackend):
    """Lock out an address after AXES_FAILURE_LIMIT failed admin logins. A login without a request
    (shell, test client) is not a web login attempt: it is left to the next backend instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
