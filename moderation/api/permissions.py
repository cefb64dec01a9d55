"""Who may use the staff API: active staff in the Moderators group (or superusers); writes need the model permission."""
from rest_framework.permissions import BasePermission

MODERATOR_PERMISSION = "moderation.change_queuecomment"


class IsModerator(BasePermission):
    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active and user.is_staff):
            return False
        if not user.has_perm(MODERATOR_PERMISSION):
            return False
        # Views may name what each HTTP method needs beyond moderating, e.g. {"POST": "moderation.add_term"}.
        needed = getattr(view, "method_permissions", {}).get(request.method)
        return needed is None or user.has_perm(needed)
