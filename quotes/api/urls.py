from django.urls import include, path
from rest_framework.routers import DefaultRouter

from quotes.api.views.claims import ClaimViewSet
from quotes.api.views.public import ClaimReviewFeedView, RatingViewSet
from quotes.api.views.quotes import QuoteViewSet
from quotes.api.views.speakers import SpeakerViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("speakers", SpeakerViewSet, basename="speaker")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("claims", ClaimViewSet, basename="claim")
router.register("ratings", RatingViewSet, basename="rating")

urlpatterns = [
    path("claimreview/", ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("", include(router.urls)),
]
