"""The desk in a real headless Chromium (Debian's, driven by Playwright) against a live server."""

import pytest

from quotes.models import Claim, Quote, ReviewDecision
from quotes.services import article_quotes_extract
from sources.services import article_create_from_file
from tests.factories import ArticleFactory, QuoteFactory, user_in_group
from tests.quotes.admin.conftest import login

# serialized_rollback: the groups and the rating scale come from data migrations, which a flush wipes.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

QUEUE = "/admin/quotes/quote/review/"


@pytest.fixture
def seed_queue(seed_article_path):
    article = article_create_from_file(path=seed_article_path, enqueue_extraction=False)
    article_quotes_extract(article_id=article.pk)
    assert Quote.objects.filter(status="pending").count() >= 10
    return article


def _steps(page) -> int:
    return int(page.evaluate("document.getElementById('desk-queue').dataset.steps || '0'"))


def _press(page, key: str) -> None:
    """Press a key with the focus on the page (not a field) and wait for the answer to show."""
    before = _steps(page)
    page.keyboard.press(key)
    page.wait_for_function(f"parseInt(document.getElementById('desk-queue').dataset.steps || '0') > {before}")


def _shown(page) -> int | None:
    value = page.get_attribute("#desk-candidate .desk-card", "data-quote-id")
    return int(value) if value else None


def test_reviewer_clears_the_seed_queue_by_keyboard_and_the_db_holds_exactly_those_decisions(
    desk_page, live_server, seed_queue
) -> None:
    page = desk_page
    user_in_group("rita", "Reviewer")
    login(page, live_server.url, "rita", next_url=QUEUE)
    page.goto(live_server.url + QUEUE)
    # Nothing to scroll to: the decision buttons and the highlighted quote are in the window.
    for selector in ("button[data-act=approve]", "button[data-act=reject]", "#desk-context mark.desk-quote"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 900, (selector, box)

    approved: set[int] = set()
    rejected: set[int] = set()
    trail: list[tuple[str, int]] = []  # what u undoes, newest last
    undone_decisions = 0
    pattern = ["a", "x", "Space", "a", "u", "a", "x", "Backspace", "u", "x", "Space", "a"]
    step = 0
    while (shown := _shown(page)) is not None:
        key = pattern[step % len(pattern)]
        step += 1
        assert step < 100, "the queue never ends"
        if key in ("u", "Backspace"):
            if not trail:
                continue
            kind, qid = trail.pop()
            if kind == "decision":
                approved.discard(qid)
                rejected.discard(qid)
                undone_decisions += 1
            _press(page, key)
            assert _shown(page) == qid  # the undone candidate is back on screen
            continue
        _press(page, key)
        if key == "a":
            approved.add(shown)
            trail.append(("decision", shown))
        elif key == "x":
            rejected.add(shown)
            trail.append(("decision", shown))
        else:
            trail.append(("skip", shown))
        assert _shown(page) != shown
    assert "Queue cleared" in page.inner_text("#desk-candidate")
    assert page.desk_errors == []

    assert set(Quote.objects.filter(status="approved").values_list("pk", flat=True)) == approved
    assert set(Quote.objects.filter(status="rejected").values_list("pk", flat=True)) == rejected
    live = ReviewDecision.objects.filter(undone_by__isnull=True, action__in=["approve", "reject"])
    assert live.count() == len(approved) + len(rejected)
    assert ReviewDecision.objects.filter(action="undo").count() == undone_decisions
    assert all(d.seconds_spent is not None and d.actor.username == "rita" for d in live)
    assert approved and rejected and undone_decisions >= 2


def test_speaker_edit_ian_enter_picks_ian_borg(desk_page, live_server, seed_queue) -> None:
    from playwright.sync_api import expect

    page = desk_page
    user_in_group("rita", "Reviewer")
    login(page, live_server.url, "rita", next_url=QUEUE)
    page.goto(live_server.url + QUEUE)
    shown = _shown(page)
    page.keyboard.press("e")
    search = page.locator("#desk-edit .desk-speaker-search")
    search.fill("")
    search.press_sequentially("Ian")
    search.press("Enter")  # picks the best match once the answer to "Ian" is in
    expect(search).to_have_value("Ian Borg")
    before = _steps(page)
    search.press("Enter")  # saves
    page.wait_for_function(f"parseInt(document.getElementById('desk-queue').dataset.steps) > {before}")
    assert Quote.objects.get(pk=shown).speaker.name == "Ian Borg"
    # Keys typed into the field did nothing else: the candidate is still pending and shown.
    assert Quote.objects.get(pk=shown).status == "pending" and _shown(page) == shown


def test_editor_drafts_rates_and_publishes_a_pashinyan_claim_and_a_reviewer_cannot(
    desk_page, desk_browser, live_server, seed_queue
) -> None:
    page = desk_page
    user_in_group("eddie", "Editor")
    quote = Quote.objects.filter(speaker__name="Nikol Pashinyan", text__icontains="We will leave").first()
    assert quote is not None
    login(page, live_server.url, "eddie", next_url=QUEUE)
    page.goto(f"{live_server.url}{QUEUE}?apply=1&speaker={quote.speaker_id}")
    while _shown(page) != quote.pk:
        _press(page, "Space")
    _press(page, "c")
    page.click("#desk-message a")  # "Open claim #N"
    page.wait_for_url("**/admin/quotes/claim/*/change/")
    claim = Claim.objects.get()
    assert list(claim.appearances.all()) == [quote] and claim.claimant.name == "Nikol Pashinyan"
    page.select_option("select[name=rating]", label="1 False")
    page.fill("textarea[name=ruling]", "Armenia had not left the CSTO when this was said.")
    page.locator("input[name=_publish]").first.click()
    page.wait_for_load_state("networkidle")
    assert "Published." in page.inner_text(".messagelist")
    preview = page.inner_text("#claimreview-jsonld")
    assert '"@type": "ClaimReview"' in preview and '"alternateName": "False"' in preview
    claim.refresh_from_db()
    assert claim.status == "published" and claim.published_at is not None
    # Then corrects it: the note is required, recorded and published with the ClaimReview.
    page.fill("textarea[name=ruling]", "Armenia had not left the CSTO; it froze its participation.")
    page.fill("textarea[name=correction_note]", "The ruling now says participation was frozen.")
    page.locator("input[name=_correct]").first.click()
    page.wait_for_load_state("networkidle")
    assert "Correction saved" in page.inner_text(".messagelist")
    assert "participation was frozen" in page.inner_text("#claimreview-jsonld")
    claim.refresh_from_db()
    assert claim.ruling.endswith("froze its participation.") and claim.corrections.count() == 1
    assert page.desk_errors == []

    # A Reviewer sees the published claim read-only, and a draft with no Publish button.
    user_in_group("rita", "Reviewer")
    context = desk_browser.new_context(viewport={"width": 1280, "height": 900})
    other = context.new_page()
    login(other, live_server.url, "rita")
    other.goto(f"{live_server.url}/admin/quotes/claim/{claim.pk}/change/")
    assert "Only an Editor can correct or unpublish it." in other.content()
    assert other.locator("input[name=_correct], input[name=_unpublish], input[name=_publish]").count() == 0
    draft = Claim.objects.create(statement="A draft", rating=claim.rating, ruling="r")
    other.goto(f"{live_server.url}/admin/quotes/claim/{draft.pk}/change/")
    assert other.locator("input[name=_publish]").count() == 0
    other.locator("input[name=_submit_review]").first.click()
    other.wait_for_load_state("networkidle")
    draft.refresh_from_db()
    assert draft.status == "in_review"
    context.close()


def test_nothing_in_a_hostile_article_runs_anywhere_it_is_shown(desk_page, live_server) -> None:
    page = desk_page
    text = (
        "<script>window.__pwned = 'script'</script> The minister spoke. "
        '"<img src=x onerror="window.__pwned = \'img\'">We will stay," she said. '
        "<svg onload=\"window.__pwned='svg'\"></svg>"
    )
    article = ArticleFactory(text=text, title="<script>window.__pwned='title'</script>")
    start = text.index('"<img')
    quote = QuoteFactory(article=article, start=start, end=text.index(" she said"), confidence=0.99)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    user_in_group("rita", "Reviewer")
    login(page, live_server.url, "rita", next_url=QUEUE)
    for url in (
        QUEUE,
        f"/admin/quotes/quote/{quote.pk}/change/",
        f"/admin/sources/article/{article.pk}/change/",
    ):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__pwned === undefined"), url
        assert "<img src=x" in page.inner_text("body")  # shown as text
    page.goto(live_server.url + QUEUE)
    _press(page, "a")  # and the fragment that replaces the candidate is escaped too
    _press(page, "u")
    assert _shown(page) == quote.pk
    assert page.evaluate("window.__pwned === undefined")
    assert dialogs == [] and page.desk_errors == []
