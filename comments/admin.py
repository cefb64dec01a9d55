from django.contrib import admin

from comments.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "writer_name", "published_at", "comments_open", "moderation_level")
    list_filter = ("comments_open", "moderation_level", "is_published")
    search_fields = ("title", "writer_name")
    prepopulated_fields = {"slug": ("title",)}
