from django.urls import include, path
from rest_framework.routers import DefaultRouter

from sources.api.views import ArticleViewSet, FeedViewSet, SourceViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("sources", SourceViewSet, basename="source")
router.register("feeds", FeedViewSet, basename="feed")
router.register("articles", ArticleViewSet, basename="article")

urlpatterns = [path("", include(router.urls))]
