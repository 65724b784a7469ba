"""The response cache (claimtrack/api/response_cache.py): a hit is the miss's answer, and every
kind of committed write, wherever it comes from, makes the next request compute again.

These tests run outside a test transaction (``transaction=True``), like a web request: inside
one, the test's own uncommitted rows would (rightly) keep the cache out of the way. A hit is
told from a miss by its queries: one (the token and the data version in one statement).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta

import psycopg2
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from claimtrack.api import data_version, response_cache
from claimtrack.api.throttling import TokenRateThrottle
from quotes.api.views.claims import ClaimViewSet
from quotes.api.views.public import ClaimReviewFeedView, RatingViewSet
from quotes.api.views.quotes import QuoteViewSet
from quotes.api.views.speakers import SpeakerViewSet
from quotes.models import Quote
from tests.api.world import World, world_build

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _empty_local_entries() -> Iterator[None]:
    from claimtrack.api import authentication

    response_cache.local_entries.clear()
    authentication._remembered_permissions.clear()
    yield
    response_cache.local_entries.clear()
    authentication._remembered_permissions.clear()


@pytest.fixture
def world() -> World:
    return world_build()


def _get(client: APIClient, url: str, **extra: str):  # type: ignore[no-untyped-def]
    """The answer and the number of SQL queries it took."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
    return response, len(ctx.captured_queries)


def _hit(client: APIClient, url: str) -> bytes:
    """Asked twice: the second answer is the first, from the cache (one query)."""
    first, _ = _get(client, url)
    assert first.status_code == 200, first.content[:300]
    again, queries = _get(client, url)
    assert queries == 1 and again.content == first.content
    return bytes(first.content)


def test_a_repeated_read_is_answered_from_the_cache_as_it_was_computed(world: World, editor_api) -> None:  # type: ignore[no-untyped-def]
    for url in (
        "/api/v1/quotes/",
        f"/api/v1/quotes/{world.approved.pk}/",
        "/api/v1/quotes/?search=inflation",
        "/api/v1/speakers/?search=doe",
        f"/api/v1/speakers/{world.doe.pk}/quotes/",
        "/api/v1/claims/",
        f"/api/v1/claims/{world.published.pk}/claimreview/",
        "/api/v1/claimreview/",
        "/api/v1/claimreview/?page_size=1",
        "/api/v1/ratings/",
        "/api/v1/",
    ):
        miss, miss_queries = _get(editor_api, url)
        hit, hit_queries = _get(editor_api, url)
        assert miss.status_code == hit.status_code == 200, (url, miss.content[:300])
        assert hit_queries == 1 < miss_queries or url == "/api/v1/", (url, miss_queries, hit_queries)
        assert hit.content == miss.content, url
        assert sorted(hit.items()) == sorted(miss.items()), url


def _rename_orm(world: World, text: str) -> None:
    world.approved.text = text
    world.approved.save()


def _rename_update(world: World, text: str) -> None:
    Quote.objects.filter(pk=world.approved.pk).update(text=text)


def _rename_raw_sql(world: World, text: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE quotes_quote SET text = %s WHERE id = %s", [text, world.approved.pk])


def _rename_in_another_connection(world: World, text: str) -> None:
    # Another thread has its own connection: the write commits there, after the entry was stored.
    def write() -> None:
        try:
            with transaction.atomic():
                Quote.objects.filter(pk=world.approved.pk).update(text=text)
        finally:
            connections.close_all()

    thread = threading.Thread(target=write)
    thread.start()
    thread.join()


@pytest.mark.parametrize(
    "write", [_rename_orm, _rename_update, _rename_raw_sql, _rename_in_another_connection]
)
def test_every_kind_of_committed_write_is_seen_at_once(
    world: World, editor_api, write: Callable[[World, str], None]
) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/quotes/{world.approved.pk}/"
    assert b"A corrected wording" not in _hit(editor_api, url)
    write(world, "A corrected wording")
    assert editor_api.get(url).json()["text"] == "A corrected wording"
    assert b"A corrected wording" in _hit(editor_api, url)


def test_bulk_create_and_truncate_are_seen_at_once(world: World, editor_api) -> None:  # type: ignore[no-untyped-def]
    before = {q["id"] for q in editor_api.get("/api/v1/quotes/").json()["results"]}
    _hit(editor_api, "/api/v1/quotes/")
    (new,) = Quote.objects.bulk_create(
        [
            Quote(
                article=world.late,
                speaker=world.roe,
                start=0,
                end=10,
                text="Brand new",
                extractor_version="t",
            )
        ]
    )
    after = {q["id"] for q in editor_api.get("/api/v1/quotes/").json()["results"]}
    assert after == before | {new.pk}
    _hit(editor_api, "/api/v1/claims/")
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE quotes_claim CASCADE")
    assert editor_api.get("/api/v1/claims/").json()["results"] == []


def test_a_write_in_the_requests_own_transaction_is_never_cached(world: World, editor_api) -> None:  # type: ignore[no-untyped-def]
    # Inside a transaction that wrote, the version does not count the transaction's own rows yet:
    # those answers are computed every time, never stored.
    url = f"/api/v1/quotes/{world.approved.pk}/"
    committed = world.approved.text
    with transaction.atomic():
        _rename_orm(world, "First draft")
        assert editor_api.get(url).json()["text"] == "First draft"
        _rename_orm(world, "Second draft")
        response, queries = _get(editor_api, url)
        assert response.json()["text"] == "Second draft" and queries > 1
        transaction.set_rollback(True)
    assert editor_api.get(url).json()["text"] == committed


def test_a_commit_in_another_database_leaves_the_cache_alone(world: World, editor_api) -> None:  # type: ignore[no-untyped-def]
    # pg_current_snapshot() would change here (transaction ids are the whole server's); the data
    # version counts this database's writes only.
    url = "/api/v1/quotes/"
    _hit(editor_api, url)
    db = django_settings.DATABASES["default"]
    other = psycopg2.connect(
        dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432, password=db["PASSWORD"]
    )
    other.autocommit = True
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_current_xact_id()")  # a transaction that commits
    other.close()
    _, queries = _get(editor_api, url)
    assert queries == 1


def test_users_with_different_permissions_never_share_an_answer(world: World, make_client) -> None:  # type: ignore[no-untyped-def]
    editor, plain, anonymous = make_client("editor"), make_client("plain"), make_client("anonymous")
    statements = lambda client: {c["statement"] for c in client.get("/api/v1/claims/").json()["results"]}  # noqa: E731
    assert world.draft.statement in statements(editor)
    assert world.draft.statement in statements(editor)  # from the cache
    assert statements(anonymous) == {world.published.statement}
    assert statements(anonymous) == {world.published.statement}
    assert plain.get("/api/v1/quotes/").status_code == 403
    assert plain.get("/api/v1/claims/").json()["results"] == [
        c for c in anonymous.get("/api/v1/claims/").json()["results"]
    ]


def test_a_revoked_or_expired_token_is_refused_on_a_cached_url(world: World, make_client) -> None:  # type: ignore[no-untyped-def]
    reviewer, editor = make_client("reviewer"), make_client("editor")
    _hit(reviewer, "/api/v1/quotes/")
    _hit(editor, "/api/v1/quotes/")
    # Tokens are not part of the data version: the refusal comes from authentication itself.
    AuthToken.objects.filter(user=reviewer.user).delete()
    assert reviewer.get("/api/v1/quotes/").status_code == 401
    AuthToken.objects.filter(user=editor.user).update(expiry=timezone.now() - timedelta(seconds=1))
    assert editor.get("/api/v1/quotes/").status_code == 401
    assert APIClient().get("/api/v1/quotes/").status_code == 401


def test_throttling_still_answers_429_on_a_cached_url(world: World, make_client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(TokenRateThrottle.THROTTLE_RATES, "token", "3/minute")
    client = make_client("reviewer")
    codes = [client.get("/api/v1/ratings/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def _throttle_counts(token_key: str) -> list[tuple[int, int]]:
    from claimtrack.api.throttle_counts import TABLE

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT window_end, count FROM {TABLE} WHERE token_key = %s", [token_key])
        return list(cursor.fetchall())


def test_a_tokens_requests_are_counted_by_the_token_statement(
    world: World, make_client, monkeypatch, time_machine
) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    time_machine.move_to("2026-12-01T12:00:30+00:00", tick=False)
    monkeypatch.setitem(TokenRateThrottle.THROTTLE_RATES, "token", "3/minute")
    client, other = make_client("reviewer"), make_client("editor")
    key = AuthToken.objects.get(user=client.user).token_key
    codes = []
    for _ in range(4):
        response, queries = _get(client, "/api/v1/ratings/")
        codes.append(response.status_code)
    assert codes == [200, 200, 200, 429] and queries == 1
    assert int(response["Retry-After"]) == 30  # the rest of the minute
    # In PostgreSQL, one row for the token and the minute; nothing in the cache.
    end = int(timezone.now().timestamp()) // 60 * 60 + 60
    assert _throttle_counts(key) == [(end, 4)]
    assert not [k for k in cache._cache if "throttle" in k]  # type: ignore[attr-defined]
    assert other.get("/api/v1/ratings/").status_code == 200  # a budget of its own
    # A key that names no token is refused and counts nothing.
    response = APIClient().get("/api/v1/ratings/", HTTP_AUTHORIZATION="Token " + "0" * 64)
    assert response.status_code == 401 and _throttle_counts("0" * 15) == []


def test_ended_throttle_windows_are_pruned(world: World, make_client) -> None:  # type: ignore[no-untyped-def]
    from claimtrack.api.throttle_counts import TABLE, throttle_counts_prune

    client = make_client("reviewer")
    key = AuthToken.objects.get(user=client.user).token_key
    assert client.get("/api/v1/ratings/").status_code == 200
    now = int(timezone.now().timestamp())
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} VALUES (%s, %s, 7)", [key, now - 5])
    assert len(_throttle_counts(key)) == 2
    assert throttle_counts_prune() >= 1  # and ended windows of earlier tests' tokens
    assert [count for _, count in _throttle_counts(key)] == [1]  # the current window stays


def test_an_untracked_table_given_the_trigger_loses_it_at_the_next_migrate(world: World) -> None:
    from claimtrack.api.throttle_counts import TABLE

    def has_trigger() -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND tgname = %s",
                [TABLE, data_version.TRIGGER],
            )
            return bool(cursor.fetchone()[0])

    # What an older release's migrate does (it tracks every table it does not know).
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TRIGGER {data_version.TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {TABLE} FOR EACH STATEMENT EXECUTE FUNCTION {data_version.FUNCTION}()"
        )
    assert has_trigger()
    data_version.install_triggers("default")
    assert not has_trigger()


def test_head_is_answered_from_the_gets_entry(world: World, editor_api) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/quotes/{world.approved.pk}/"
    got, _ = _get(editor_api, url)
    with CaptureQueriesContext(connection) as ctx:
        head = editor_api.head(url)
    assert head.status_code == 200 and len(ctx.captured_queries) == 1
    assert head["ETag"] == got["ETag"] and head["Content-Type"] == got["Content-Type"]


def test_an_unchanged_answer_is_a_304_to_its_etag_even_after_unrelated_writes(
    world: World, editor_api
) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/quotes/{world.approved.pk}/"
    etag = editor_api.get(url)["ETag"]
    assert editor_api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304  # a hit
    world.roe.title = "Party chair"  # not shown in this quote
    world.roe.save()
    response = editor_api.get(url, HTTP_IF_NONE_MATCH=etag)  # computed again: the same body
    assert response.status_code == 304 and response["ETag"] == etag
    _rename_orm(world, "Changed")
    changed = editor_api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_media_types_and_hosts_are_kept_apart(world: World, editor_api, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ALLOWED_HOSTS = ["testserver", "api.example.org"]
    url = f"/api/v1/claims/{world.published.pk}/claimreview/"
    ld = editor_api.get(url, HTTP_ACCEPT="application/ld+json")
    js = editor_api.get(url, HTTP_ACCEPT="application/json")
    assert ld["Content-Type"].startswith("application/ld+json")
    assert js["Content-Type"].startswith("application/json")
    indented = editor_api.get("/api/v1/ratings/", HTTP_ACCEPT="application/json; indent=4")
    assert b"\n    " in indented.content
    assert b"\n    " not in editor_api.get("/api/v1/ratings/", HTTP_ACCEPT="application/json").content
    other_host = editor_api.get("/api/v1/quotes/", HTTP_HOST="api.example.org")
    assert "http://api.example.org/" in other_host.json()["results"][0]["url"]
    assert "http://testserver/" in editor_api.get("/api/v1/quotes/").json()["results"][0]["url"]


def test_the_cache_can_be_turned_off(world: World, editor_api, settings) -> None:  # type: ignore[no-untyped-def]
    settings.API_RESPONSE_CACHE = False
    url = "/api/v1/quotes/"
    first, _ = _get(editor_api, url)
    again, queries = _get(editor_api, url)
    assert queries > 1 and again.content == first.content and again["ETag"] == first["ETag"]


def test_every_table_but_the_untracked_records_its_writes() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
            [data_version.TRIGGER],
        )
        with_trigger = {name for (name,) in cursor.fetchall()}
    tables = set(connection.introspection.table_names())
    assert with_trigger == {t for t in tables if data_version.tracked(t)}
    assert "quotes_quote" in with_trigger and "django_session" not in with_trigger


def test_compaction_keeps_the_version_and_empties_the_log(world: World) -> None:
    before, clean = data_version.read_data_version("default")
    assert clean and before is not None
    assert data_version.data_version_compact() > 0
    assert data_version.read_data_version("default") == (before, True)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {data_version.LOG_TABLE}")
        assert cursor.fetchone()[0] == 0
    world.doe.save()
    assert data_version.read_data_version("default")[0] != before


@pytest.mark.parametrize(
    "view", [QuoteViewSet, SpeakerViewSet, ClaimViewSet, RatingViewSet, ClaimReviewFeedView]
)
def test_the_permission_model_a_view_names_is_its_querysets(view: type, rf) -> None:  # type: ignore[no-untyped-def]
    # ModelPermissions reads permission_model instead of building the queryset on each request.
    instance = view()
    instance.request = rf.get("/")
    instance.request.user = AnonymousUser()
    instance.action = "list"
    instance.format_kwarg = None
    assert instance.get_queryset().model is view.permission_model


def test_a_url_keeps_one_entry_however_often_the_data_changes(world: World, editor_api) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    def entries() -> int:
        return sum(1 for key in cache._cache if response_cache.KEY_PREFIX in key)  # type: ignore[attr-defined]

    url = f"/api/v1/quotes/{world.approved.pk}/"
    for text in ("One", "Two", "Three"):
        _rename_orm(world, text)
        assert _hit(editor_api, url) and editor_api.get(url).json()["text"] == text
    assert entries() == 1


def _count_calls(monkeypatch, owner: type, name: str) -> list[int]:  # type: ignore[no-untyped-def]
    calls = [0]
    original = getattr(owner, name)

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_a_miss_reads_the_token_once(world: World, editor_api, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from claimtrack.api import authentication

    token_reads = _count_calls(monkeypatch, authentication, "_tokens_with_key")
    assert editor_api.get("/api/v1/speakers/").status_code == 200  # a miss
    assert token_reads == [1]
    assert editor_api.get("/api/v1/speakers/").status_code == 200  # a hit
    assert token_reads == [2]


def test_a_permission_taken_away_is_refused_on_a_cached_url(world: World, make_client) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import Group

    client = make_client("editor")
    _hit(client, "/api/v1/quotes/")
    client.user.groups.remove(Group.objects.get(name="Editor"))  # a write: a new data version
    assert client.get("/api/v1/quotes/").status_code == 403
    client.user.groups.add(Group.objects.get(name="Editor"))
    assert client.get("/api/v1/quotes/").status_code == 200
    client.user.is_active = False
    client.user.save()
    assert client.get("/api/v1/quotes/").status_code == 401


def test_permissions_are_read_once_per_data_version(world: World, make_client) -> None:  # type: ignore[no-untyped-def]
    from claimtrack.api import authentication

    client = make_client("editor")
    _hit(client, "/api/v1/quotes/")
    (key, (version, user_id, permissions)), *others = authentication._remembered_permissions.items()
    assert not others and user_id == client.user.pk and "quotes.view_quote" in permissions
    # At the same version the statement leaves them unread and this process's copy is used:
    # a copy without the permission (it is never changed in use) shows which one answers.
    authentication._remembered_permissions[key] = (version, user_id, frozenset())
    assert client.get("/api/v1/quotes/").status_code == 403
    _rename_orm(world, "Any write")  # a new data version: read again
    assert client.get("/api/v1/quotes/").status_code == 200
    assert authentication._remembered_permissions[key][2] == permissions


def test_a_bad_token_on_a_cached_url_gets_drfs_401(world: World, editor_api) -> None:  # type: ignore[no-untyped-def]
    _hit(editor_api, "/api/v1/ratings/")
    for header in ("Token", "Token not-a-key", "Token a b", "Token \u00e9t\u00e9"):
        response = APIClient().get("/api/v1/ratings/", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
        assert response["WWW-Authenticate"] == "Token" and response.json()["code"] == "authentication_failed"


def test_a_session_is_answered_from_the_cache_through_drfs_path(world: World, make_client) -> None:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_login(make_client("editor").user)
    first, miss_queries = _get(client, "/api/v1/ratings/")
    # A session's hit: DRF's path (no early answer; the session, the user, the permissions and
    # the version are read), not the ratings.
    again, queries = _get(client, "/api/v1/ratings/")
    assert first.status_code == again.status_code == 200 and again.content == first.content
    assert queries < miss_queries


def _in_threads(*calls: Callable[[], None]) -> None:
    def run(call: Callable[[], None]) -> None:
        try:
            call()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
        # The first one claims the computation before the second asks.
        thread.join(timeout=0.2)
    for thread in threads:
        thread.join(timeout=30)


def _slow_list(monkeypatch, answers: list[Callable[[], None]]) -> list[int]:  # type: ignore[no-untyped-def]
    """RatingViewSet.list, slowed; the Nth call first runs answers[N] (e.g. raises)."""
    import time

    original = RatingViewSet.list
    calls = [0]

    def slow(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls[0] += 1
        answers[min(calls[0], len(answers)) - 1]()
        time.sleep(0.5)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(RatingViewSet, "list", slow)
    return calls


def _client_like(client: APIClient) -> APIClient:
    other = APIClient()
    other.credentials(**client._credentials)  # type: ignore[attr-defined]
    return other


def test_concurrent_misses_of_one_url_compute_it_once(world: World, editor_api, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = _slow_list(monkeypatch, [lambda: None])
    bodies: list[tuple[int, bytes]] = []
    first, second = _client_like(editor_api), _client_like(editor_api)

    def fetch(client: APIClient) -> Callable[[], None]:
        def call() -> None:
            response = client.get("/api/v1/ratings/")
            bodies.append((response.status_code, bytes(response.content)))

        return call

    _in_threads(fetch(first), fetch(second))
    assert calls == [1], "the second request computed the answer again"
    assert [status for status, _ in bodies] == [200, 200] and bodies[0][1] == bodies[1][1]


def test_a_waiting_request_computes_when_the_first_one_fails(world: World, editor_api, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rest_framework.exceptions import ValidationError

    def fail() -> None:
        raise ValidationError("not this time")

    calls = _slow_list(monkeypatch, [fail, lambda: None])
    statuses: list[int] = []

    def fetch(client: APIClient) -> Callable[[], None]:
        return lambda: statuses.append(client.get("/api/v1/ratings/").status_code)

    _in_threads(fetch(_client_like(editor_api)), fetch(_client_like(editor_api)))
    assert calls == [2] and sorted(statuses) == [200, 400]


def test_waiting_can_be_turned_off(world: World, editor_api, monkeypatch, settings) -> None:  # type: ignore[no-untyped-def]
    settings.API_RESPONSE_CACHE_WAIT_SECONDS = 0
    calls = _slow_list(monkeypatch, [lambda: None])
    statuses: list[int] = []

    def fetch(client: APIClient) -> Callable[[], None]:
        return lambda: statuses.append(client.get("/api/v1/ratings/").status_code)

    _in_threads(fetch(_client_like(editor_api)), fetch(_client_like(editor_api)))
    assert calls == [2] and statuses == [200, 200]
