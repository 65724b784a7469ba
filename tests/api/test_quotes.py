import pytest
from rest_framework.test import APIClient

from quotes.models import Quote, ReviewDecision
from tests.api.world import world_build

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_quote_list_shape_links_and_claims(reviewer_api: APIClient) -> None:
    w = world_build()
    body = reviewer_api.get("/api/v1/quotes/").json()
    assert set(body) == {"next", "previous", "results"}
    row = next(r for r in body["results"] if r["id"] == w.approved.pk)
    assert row["article"] == w.early.pk
    assert row["article_url"].endswith(f"/api/v1/articles/{w.early.pk}/")
    assert row["speaker"]["id"] == w.doe.pk and row["speaker"]["name"] == "Jane Doe"
    assert row["speaker"]["url"].endswith(f"/api/v1/speakers/{w.doe.pk}/")
    assert (row["start"], row["end"], row["cue"]) == (83, 110, "said")
    assert row["text"] == w.early.text[83:110]
    assert row["claims"] == [w.published.pk]
    assert row["said_at"].startswith("2026-11-02")
    assert row["source"] == w.early.source_id


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "pending"}, ["pending", "other"]),
        ({"status": "approved"}, ["approved"]),
        ({"kind": "indirect"}, ["pending"]),
        ({"min_confidence": "0.5"}, ["pending", "approved"]),
        ({"said_after": "2026-11-10T00:00:00Z"}, ["other"]),
        ({"said_before": "2026-11-10"}, ["pending", "approved"]),
        ({"reviewed_after": "2026-11-01"}, ["approved"]),
        ({"reviewed_before": "2026-11-01"}, []),
    ],
)
def test_quote_filters(reviewer_api: APIClient, query: dict[str, str], expected: list[str]) -> None:
    w = world_build()
    names = {w.pending.pk: "pending", w.approved.pk: "approved", w.other.pk: "other"}
    got = {names[i] for i in _ids(reviewer_api.get("/api/v1/quotes/", query))}
    assert got == set(expected)


def test_quote_filters_by_speaker_article_and_source(reviewer_api: APIClient) -> None:
    w = world_build()
    assert set(_ids(reviewer_api.get("/api/v1/quotes/", {"speaker": w.roe.pk}))) == {w.other.pk}
    assert set(_ids(reviewer_api.get("/api/v1/quotes/", {"article": w.early.pk}))) == {
        w.pending.pk,
        w.approved.pk,
    }
    assert set(_ids(reviewer_api.get("/api/v1/quotes/", {"source": w.early.source_id}))) == {
        w.pending.pk,
        w.approved.pk,
    }


@pytest.mark.parametrize(
    "query",
    [
        {"said_after": "notadate"},
        {"reviewed_before": "2026-13-45"},
        {"min_confidence": "high"},
        {"min_confidence": "7"},
        {"status": "maybe"},
        {"speaker": "999999"},
        {"speaker": "abc"},
        {"kind": "shouted"},
    ],
)
def test_invalid_filter_values_answer_400(reviewer_api: APIClient, query: dict[str, str]) -> None:
    world_build()
    response = reviewer_api.get("/api/v1/quotes/", query)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and set(body["errors"]) == set(query)


def test_cursor_pages_cover_every_quote_once(reviewer_api: APIClient) -> None:
    world_build()
    seen: list[int] = []
    url: str | None = "/api/v1/quotes/?page_size=1"
    while url:
        body = reviewer_api.get(url).json()
        seen += [r["id"] for r in body["results"]]
        url = body["next"]
    assert (
        sorted(seen, reverse=True) == seen == list(Quote.objects.order_by("-id").values_list("id", flat=True))
    )
    assert reviewer_api.get("/api/v1/quotes/?cursor=garbage").status_code == 404


def test_ordering_by_confidence(reviewer_api: APIClient) -> None:
    w = world_build()
    assert _ids(reviewer_api.get("/api/v1/quotes/", {"ordering": "-confidence"})) == [
        w.pending.pk,
        w.approved.pk,
        w.other.pk,
    ]


def test_approve_records_the_decision_and_a_second_decision_is_409(reviewer_api: APIClient) -> None:
    w = world_build()
    response = reviewer_api.post(
        f"/api/v1/quotes/{w.pending.pk}/approve/", {"note": "checked"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved" and response.json()["reviewer"] == "reviewer"
    decision = ReviewDecision.objects.get(quote=w.pending, action="approve")
    assert decision.actor == reviewer_api.user  # type: ignore[attr-defined]
    again = reviewer_api.post(f"/api/v1/quotes/{w.pending.pk}/reject/", {}, format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "conflict" and "already approved by reviewer" in again.json()["detail"]


def test_reject_with_a_reason_and_an_unknown_reason_is_400(reviewer_api: APIClient) -> None:
    w = world_build()
    bad = reviewer_api.post(f"/api/v1/quotes/{w.other.pk}/reject/", {"reason": "Boring"}, format="json")
    assert bad.status_code == 400 and "reason" in bad.json()["errors"]
    ok = reviewer_api.post(f"/api/v1/quotes/{w.other.pk}/reject/", {"reason": "Wrong speaker"}, format="json")
    assert ok.status_code == 200
    w.other.refresh_from_db()
    assert (w.other.status, w.other.reject_reason) == ("rejected", "Wrong speaker")


def test_patch_edits_speaker_kind_and_text_through_the_service(reviewer_api: APIClient) -> None:
    w = world_build()
    response = reviewer_api.patch(
        f"/api/v1/quotes/{w.pending.pk}/",
        {"speaker": w.roe.pk, "kind": "direct", "text": "Inflation will fall"},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["speaker"]["id"], body["kind"], body["text"]) == (w.roe.pk, "direct", "Inflation will fall")
    decision = ReviewDecision.objects.get(quote=w.pending, action="update")
    assert set(decision.changes) == {"speaker", "kind", "text"}


@pytest.mark.parametrize(
    "payload",
    [{"kind": "shouted"}, {"text": "   "}, {"speaker": 999999}, {"text": ""}, {"speaker": "x"}],
)
def test_patch_refuses_bad_values_and_changes_nothing(reviewer_api: APIClient, payload: dict) -> None:
    w = world_build()
    response = reviewer_api.patch(f"/api/v1/quotes/{w.pending.pk}/", payload, format="json")
    assert response.status_code == 400
    assert not ReviewDecision.objects.filter(quote=w.pending).exists()


def test_quote_detail_and_404(reviewer_api: APIClient) -> None:
    w = world_build()
    assert reviewer_api.get(f"/api/v1/quotes/{w.other.pk}/").json()["speaker"]["name"] == "John Roe"
    missing = reviewer_api.get("/api/v1/quotes/99999999/")
    assert missing.status_code == 404 and missing.json() == {"detail": "Not found.", "code": "not_found"}


def test_the_fast_quote_representation_equals_drf_field_by_field(rf) -> None:  # type: ignore[no-untyped-def]
    from rest_framework.request import Request

    from quotes.api.serializers import QuoteOutputSerializer
    from quotes.selectors.api import api_quote_list, api_quote_rows, quote_rows_with_claims

    w = world_build()
    Quote.objects.filter(pk=w.other.pk).update(speaker=None, spans=[[129, 150], [160, 180]])
    request = Request(rf.get("/api/v1/quotes/"))
    rows = quote_rows_with_claims(list(api_quote_rows(api_quote_list())))
    quotes = list(api_quote_list())
    assert [row["id"] for row in rows] == [quote.pk for quote in quotes]
    assert any(row["claim_ids"] for row in rows) and any(row["speaker_id"] is None for row in rows)
    for row, quote in zip(rows, quotes, strict=True):
        serializer = QuoteOutputSerializer(context={"request": request})
        assert serializer.to_representation(row) == serializer.field_by_field(quote)
