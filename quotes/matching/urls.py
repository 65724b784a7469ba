from django.urls import path

from quotes.matching.api import ClaimMatchApi, SpeakerTimelineApi

urlpatterns = [
    path("claims/match/", ClaimMatchApi.as_view(), name="claim-match"),
    path("speakers/<int:pk>/timeline/", SpeakerTimelineApi.as_view(), name="speaker-timeline"),
]
