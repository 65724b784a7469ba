import django_filters

from sources.models import Article, Feed, Source


class SourceFilter(django_filters.FilterSet):
    class Meta:
        model = Source
        fields = ["active", "language", "country"]


class FeedFilter(django_filters.FilterSet):
    class Meta:
        model = Feed
        fields = ["source", "active"]


class ArticleFilter(django_filters.FilterSet):
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    published_after = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")

    class Meta:
        model = Article
        fields = ["status", "source", "feed", "language"]
