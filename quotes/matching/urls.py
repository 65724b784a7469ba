from django.urls import path

from quotes.matching.api import ClaimMatchApi

urlpatterns = [path("claims/match/", ClaimMatchApi.as_view(), name="claim-match")]
