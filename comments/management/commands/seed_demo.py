"""Idempotent demo data: an Arabic technology-business story, sample comments and a moderator login."""
import os
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from comments import services
from comments.identity import email_key
from comments.models import Article, Comment
from moderation.models import ModerationDecision

ARTICLE = {
    "slug": "local-payments-startup-raises-funding",
    "title": "شركة ناشئة للمدفوعات الرقمية تجمع تمويلاً جديداً وتخطط للتوسع في ثلاث أسواق عربية",
    "writer_name": "سلمى الحداد",
    "summary": "جولة تمويل جديدة لشركة محلية تبني أدوات دفع للمتاجر الصغيرة، وسط منافسة متزايدة في القطاع.",
    "body": (
        "أعلنت شركة «دفعة»، وهي شركة ناشئة تطوّر أدوات دفع إلكتروني للمتاجر الصغيرة، أنها أغلقت جولة تمويل "
        "جديدة بقيادة صندوقين إقليميين، من دون أن تكشف عن قيمتها الدقيقة.\n\n"
        "وقال المدير التنفيذي للشركة في مؤتمر صحفي إن التمويل سيُخصَّص لتوسيع فريق الهندسة وفتح مكاتب في ثلاث "
        "أسواق عربية خلال العام المقبل، مع التركيز على التجار الذين لا يملكون حسابات مصرفية تقليدية.\n\n"
        "ويرى محللون أن سوق المدفوعات الرقمية في المنطقة يشهد منافسة حادة بين المصارف وشركات الاتصالات "
        "والشركات الناشئة، وأن نجاح «دفعة» سيتوقف على قدرتها على خفض الرسوم وكسب ثقة التجار.\n\n"
        "وتأتي هذه الخطوة بعد عام من إطلاق الشركة تطبيقها الأول، الذي تقول إنه يخدم اليوم آلاف المتاجر."
    ),
}
SECOND = {
    "slug": "data-centre-power-costs",
    "title": "ارتفاع كلفة الكهرباء يدفع شركات مراكز البيانات إلى الطاقة الشمسية",
    "writer_name": "كريم منصور",
    "summary": "شركات تشغيل مراكز البيانات تبحث عن بدائل لخفض فواتير الطاقة.",
    "body": (
        "تتجه شركات تشغيل مراكز البيانات إلى توقيع عقود طويلة الأجل لشراء الكهرباء من محطات شمسية، "
        "بعد ارتفاع كلفة الطاقة خلال الأشهر الماضية.\n\n"
        "ويقول مسؤولون في القطاع إن التبريد وحده يستهلك جزءاً كبيراً من الكهرباء، وإن التصاميم الجديدة "
        "تعتمد على تبريد بالسوائل يقلّل الاستهلاك."
    ),
}
APPROVED = [
    ("أبو خالد", "khaled@example.com", "خبر جيد للتجار الصغار، أتمنى أن تكون الرسوم أقل من البطاقات المصرفية."),
    ("Lina", "lina@example.org", "Interesting move. I'd like to know how they plan to handle fraud checks for small shops."),
    ("مريم", "maryam@example.net", "المقال لم يذكر قيمة التمويل، وهذا يجعل من الصعب تقييم حجم الخطوة. أرجو المتابعة."),
]
REPLY = ("سامي", "sami@example.com", "أتفق معك، الرسوم هي العامل الحاسم في رأيي.")
PENDING = [
    ("زائر", "visitor1@example.com", "هل التطبيق متاح في الأردن؟ بحثت عنه ولم أجده."),
    ("ناقد", "critic@example.com", "الكاتبة غبية ولا تفهم شيئاً في الاقتصاد."),
    ("عروض", "deals@example.com", "اربح الآن!!! زوروا http://example.com/win و http://example.com/cash و http://example.com/free"),
]


class Command(BaseCommand):
    help = "Create the demo articles, sample comments and a moderator account (safe to run again)."

    def handle(self, *args, **options):
        with transaction.atomic():
            article = self._article(ARTICLE, days_ago=1)
            self._article(SECOND, days_ago=3)
            if not article.comments.exists():
                self._comments(article)
        username, password = self._moderator()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Moderator login: username={username} password={password}  (/admin/)")

    def _article(self, data, *, days_ago):
        article, _ = Article.objects.get_or_create(
            slug=data["slug"],
            defaults={**data, "published_at": timezone.now() - timedelta(days=days_ago)},
        )
        return article

    def _comments(self, article):
        first = None
        for name, email, body in APPROVED:
            comment = Comment.objects.create(
                article=article, author_name=name, author_email=email, author_key=email_key(email), body=body,
                status=Comment.Status.APPROVED, decided_at=timezone.now(),
            )
            ModerationDecision.objects.create(
                comment=comment, source=ModerationDecision.Source.SYSTEM, decision="approve",
                from_status=Comment.Status.PENDING, to_status=Comment.Status.APPROVED, note="demo data",
            )
            first = first or comment
        name, email, body = REPLY
        reply = Comment.objects.create(
            article=article, parent=first, depth=1, author_name=name, author_email=email,
            author_key=email_key(email), body=body, status=Comment.Status.APPROVED, decided_at=timezone.now(),
        )
        ModerationDecision.objects.create(
            comment=reply, source=ModerationDecision.Source.SYSTEM, decision="approve",
            from_status=Comment.Status.PENDING, to_status=Comment.Status.APPROVED, note="demo data",
        )
        for name, email, body in PENDING:  # these go through the real pipeline
            services.comment_create(article=article, name=name, email=email, body=body)

    def _moderator(self):
        password = os.environ.get("DEMO_MODERATOR_PASSWORD") or secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username="moderator", defaults={"is_staff": True})
        user.is_staff = True
        user.set_password(password)
        user.save()
        group = Group.objects.filter(name="Moderators").first()
        if group:
            user.groups.add(group)
        return user.username, password
