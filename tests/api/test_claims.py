import pytest
from rest_framework.test import APIClient

from quotes.models import Claim, ClaimCorrection, Rating, ReviewDecision
from tests.api.world import world_build

pytestmark = pytest.mark.django_db


def test_claim_detail_has_appearances_evidence_ruling_and_corrections(reviewer_api: APIClient) -> None:
    w = world_build()
    body = reviewer_api.get(f"/api/v1/claims/{w.published.pk}/").json()
    assert body["statement"] == "Inflation will fall below 3% next year."
    assert body["claimant"]["name"] == "Jane Doe"
    assert body["status"] == "published" and body["rating"]["label"]
    assert body["ruling"] == "The central bank forecasts 3.4%."
    assert [a["id"] for a in body["appearances"]] == [w.approved.pk]
    assert body["appearances"][0]["article_url"] == w.early.url
    assert body["evidence"] == [{"url": "https://stats.example/cpi", "title": "CPI release"}]
    assert body["corrections"] == []
    assert body["claimreview_url"].endswith(f"/api/v1/claims/{w.published.pk}/claimreview/")
    assert reviewer_api.get(f"/api/v1/claims/{w.draft.pk}/").json()["claimreview_url"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "draft"}, {"draft"}),
        ({"status": "published"}, {"published"}),
        ({"published_after": "2020-01-01"}, {"published"}),
        ({"published_before": "2020-01-01"}, set()),
    ],
)
def test_claim_filters(reviewer_api: APIClient, query: dict[str, str], expected: set[str]) -> None:
    w = world_build()
    names = {w.draft.pk: "draft", w.published.pk: "published"}
    body = reviewer_api.get("/api/v1/claims/", query).json()
    assert {names[r["id"]] for r in body["results"]} == expected


def test_claim_filters_by_claimant_rating_and_quote(reviewer_api: APIClient) -> None:
    w = world_build()

    def ids(**q: object) -> set[int]:
        return {r["id"] for r in reviewer_api.get("/api/v1/claims/", q).json()["results"]}

    assert ids(claimant=w.roe.pk) == {w.draft.pk}
    assert ids(rating=w.published.rating_id) == {w.published.pk}
    assert ids(quote=w.approved.pk) == {w.published.pk}
    assert reviewer_api.get("/api/v1/claims/", {"published_after": "notadate"}).status_code == 400


def test_reviewer_creates_a_draft_and_the_audit_trail_records_it(reviewer_api: APIClient) -> None:
    w = world_build()
    rating = Rating.objects.order_by("value").first()
    response = reviewer_api.post(
        "/api/v1/claims/",
        {
            "statement": "Taxes will fall.",
            "claimant": w.doe.pk,
            "appearances": [w.pending.pk],
            "rating": rating.pk,
            "ruling": "No plan says so.",
            "evidence": [{"url": "https://budget.example/2027", "title": "Budget"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["checker"] == "reviewer"
    assert [a["id"] for a in body["appearances"]] == [w.pending.pk]
    assert body["evidence"][0]["url"] == "https://budget.example/2027"
    assert ReviewDecision.objects.filter(claim_id=body["id"], action="create_claim").exists()


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"statement": "   "},
        {"statement": "x", "claimant": 999999},
        {"statement": "x", "appearances": [999999]},
        {"statement": "x", "rating": "five"},
        {"statement": "x", "evidence": [{"url": "ftp://files.example/x"}]},
        {"statement": "x", "evidence": [{"url": "not a url"}]},
        {"statement": "x", "evidence": [{"url": "https://a.example/" + "p" * 2100}]},
        {"statement": "x", "evidence": "https://a.example/"},
        {"statement": "x" * 10_001},
    ],
)
def test_bad_claims_answer_400_and_create_nothing(reviewer_api: APIClient, payload: dict) -> None:
    world_build()
    before = Claim.objects.count()
    response = reviewer_api.post("/api/v1/claims/", payload, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"]
    assert Claim.objects.count() == before


def test_a_rejected_quote_cannot_carry_a_claim(reviewer_api: APIClient) -> None:
    w = world_build()
    reviewer_api.post(f"/api/v1/quotes/{w.pending.pk}/reject/", {}, format="json")
    response = reviewer_api.post(
        "/api/v1/claims/", {"statement": "x", "appearances": [w.pending.pk]}, format="json"
    )
    assert response.status_code == 400


def test_patch_a_draft_and_a_published_claim_only_through_a_correction(
    reviewer_api: APIClient, editor_api: APIClient
) -> None:
    w = world_build()
    ok = reviewer_api.patch(f"/api/v1/claims/{w.draft.pk}/", {"ruling": "Rising."}, format="json")
    assert ok.status_code == 200 and ok.json()["ruling"] == "Rising."
    refused = editor_api.patch(f"/api/v1/claims/{w.published.pk}/", {"ruling": "Other"}, format="json")
    assert refused.status_code == 400 and "correction" in refused.json()["detail"]


def test_editor_publishes_unpublishes_and_corrects(editor_api: APIClient, reviewer_api: APIClient) -> None:
    w = world_build()
    assert editor_api.post(f"/api/v1/claims/{w.draft.pk}/publish/").status_code == 400  # no rating yet
    rating = Rating.objects.order_by("-value").first()
    editor_api.patch(
        f"/api/v1/claims/{w.draft.pk}/", {"rating": rating.pk, "ruling": "Rising."}, format="json"
    )
    assert reviewer_api.post(f"/api/v1/claims/{w.draft.pk}/publish/").status_code == 403
    published = editor_api.post(f"/api/v1/claims/{w.draft.pk}/publish/")
    assert published.status_code == 200 and published.json()["published_at"]

    assert (
        editor_api.post(f"/api/v1/claims/{w.draft.pk}/correct/", {"ruling": "x"}, format="json").status_code
        == 400
    )
    corrected = editor_api.post(
        f"/api/v1/claims/{w.draft.pk}/correct/",
        {"ruling": "Rising, says the bank.", "note": "Added source."},
        format="json",
    )
    assert corrected.status_code == 200, corrected.content
    assert corrected.json()["ruling"] == "Rising, says the bank."
    assert corrected.json()["corrections"][0]["note"] == "Added source."

    assert editor_api.post(f"/api/v1/claims/{w.draft.pk}/unpublish/", {}, format="json").status_code == 400
    withdrawn = editor_api.post(
        f"/api/v1/claims/{w.draft.pk}/unpublish/", {"note": "Under review."}, format="json"
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "in_review"
    kinds = list(ClaimCorrection.objects.filter(claim=w.draft).values_list("kind", flat=True))
    assert kinds == ["correction", "unpublication"]
    again = editor_api.post(f"/api/v1/claims/{w.draft.pk}/unpublish/", {"note": "x"}, format="json")
    assert again.status_code == 400


def test_submit_moves_a_draft_to_review(reviewer_api: APIClient) -> None:
    w = world_build()
    response = reviewer_api.post(f"/api/v1/claims/{w.draft.pk}/submit/")
    assert response.status_code == 200 and response.json()["status"] == "in_review"
    assert reviewer_api.post(f"/api/v1/claims/{w.draft.pk}/submit/").status_code == 400


def test_anonymous_reads_published_claims_only(settings) -> None:  # type: ignore[no-untyped-def]
    w = world_build()
    anonymous = APIClient()
    body = anonymous.get("/api/v1/claims/").json()
    assert [r["id"] for r in body["results"]] == [w.published.pk]
    assert anonymous.get(f"/api/v1/claims/{w.draft.pk}/").status_code == 404
    assert anonymous.get(f"/api/v1/claims/{w.published.pk}/claimreview/").status_code == 200
    assert anonymous.post("/api/v1/claims/", {"statement": "x"}, format="json").status_code == 401

    settings.API_PUBLIC_CLAIMS = False
    for path in ("/api/v1/claims/", f"/api/v1/claims/{w.published.pk}/claimreview/", "/api/v1/claimreview/"):
        response = anonymous.get(path)
        assert response.status_code == 401, path


def test_the_claim_history_records_the_token_user(reviewer_api: APIClient) -> None:
    response = reviewer_api.post("/api/v1/claims/", {"statement": "A new claim."}, format="json")
    claim = Claim.objects.get(pk=response.json()["id"])
    reviewer_api.patch(f"/api/v1/claims/{claim.pk}/", {"ruling": "Checked."}, format="json")
    users = {h.history_user for h in claim.history.all()}
    assert users == {reviewer_api.user}  # type: ignore[attr-defined]
