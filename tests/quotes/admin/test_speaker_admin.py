"""Speakers in the admin: ranked autocomplete, aliases through the services, merge, duplicates."""

import pytest
from django.urls import reverse

from quotes.models import Claim, ReviewDecision, Speaker, SpeakerAlias
from quotes.names import normalise_name
from quotes.services import speaker_alias_add, speaker_create
from tests.factories import ClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def _autocomplete(client, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": "quotes", "model_name": "quote", "field_name": "speaker"},
    )
    assert response.status_code == 200
    return [r["text"] for r in response.json()["results"]]


def test_autocomplete_ranks_exact_then_prefix_then_word_and_shows_kind_and_title(client, reviewer) -> None:
    speaker_create(name="Armenian Defense Ministry", kind="organisation")
    speaker_create(name="Ian Borg", title="Foreign Minister of Malta")
    speaker_create(name="Brian Ianson")
    speaker_create(name="Ianthe Ward")
    speaker_create(name="Prime Minister", aliases=["Ian"])  # an alias equal to the term wins
    client.force_login(reviewer)
    results = _autocomplete(client, "Ian")
    assert results[0] == "Prime Minister (Person)"
    assert results[1:3] == ["Ian Borg (Person, Foreign Minister of Malta)", "Ianthe Ward (Person)"]
    assert results[3] == "Brian Ianson (Person)"
    assert results[-1] == "Armenian Defense Ministry (Organisation)"


def test_adding_a_speaker_goes_through_the_service_with_its_name_as_alias(admin_client) -> None:
    response = admin_client.post(
        reverse("admin:quotes_speaker_add"),
        {
            "name": "Nikol Pashinyan",
            "kind": "person",
            "title": "Prime Minister",
            "affiliation": "",
            "country": "AM",
            "wikidata_id": "",
            "description": "",
            "possible_duplicate_of": "",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-MIN_NUM_FORMS": "0",
            "aliases-MAX_NUM_FORMS": "1000",
            "aliases-0-alias": "Pashinyan",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    speaker = Speaker.objects.get(name="Nikol Pashinyan")
    assert sorted(speaker.aliases.values_list("normalised", flat=True)) == ["nikol pashinyan", "pashinyan"]


def _change_data(speaker, aliases, extra=()):
    data = {
        "name": speaker.name,
        "kind": speaker.kind,
        "title": speaker.title,
        "affiliation": "",
        "country": "",
        "wikidata_id": "",
        "description": "",
        "possible_duplicate_of": "",
        "aliases-TOTAL_FORMS": str(len(aliases) + len(extra)),
        "aliases-INITIAL_FORMS": str(len(aliases)),
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
    }
    for i, a in enumerate(aliases):
        data.update(
            {f"aliases-{i}-id": a.pk, f"aliases-{i}-speaker": speaker.pk, f"aliases-{i}-alias": a.alias}
        )
    for j, text in enumerate(extra, start=len(aliases)):
        data[f"aliases-{j}-alias"] = text
    return data


def test_alias_inline_adds_and_removes_through_the_services(admin_client, admin_user) -> None:
    speaker = speaker_create(name="Mikhail Galuzin", aliases=["Galuzin"])
    aliases = list(speaker.aliases.order_by("alias"))  # Galuzin, Mikhail Galuzin
    data = _change_data(speaker, aliases, extra=["M. Galuzin"])
    data["aliases-0-DELETE"] = "on"
    response = admin_client.post(reverse("admin:quotes_speaker_change", args=[speaker.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert sorted(speaker.aliases.values_list("alias", flat=True)) == ["M. Galuzin", "Mikhail Galuzin"]
    assert SpeakerAlias.objects.get(alias="M. Galuzin").normalised == normalise_name("M. Galuzin")
    assert ReviewDecision.objects.filter(speaker=speaker, note="Alias removed", actor=admin_user).exists()


def test_an_alias_of_another_speaker_is_refused_on_the_form(admin_client) -> None:
    speaker_create(name="Ian Borg")
    other = speaker_create(name="Someone Else")
    data = _change_data(other, list(other.aliases.all()), extra=["IAN  borg"])
    response = admin_client.post(reverse("admin:quotes_speaker_change", args=[other.pk]), data)
    assert response.status_code == 200
    assert "already belongs to Ian Borg" in response.content.decode()


def test_merge_lists_what_moves_and_keeps_the_chosen_speaker(admin_client, admin_user) -> None:
    big = speaker_create(name="Mikhail Galuzin")
    small = speaker_create(name="Mikahil Galuzin", aliases=["Galuzin M."])
    QuoteFactory(speaker=big)
    QuoteFactory(speaker=big)
    moved = QuoteFactory(speaker=small)
    claim = ClaimFactory(claimant=big)
    url = reverse("admin:quotes_speaker_changelist")
    page = admin_client.post(url, {"action": "merge_speakers", "_selected_action": [big.pk, small.pk]})
    html = page.content.decode()
    assert page.status_code == 200 and "which one is kept" in html
    assert "Galuzin M." in html and 'name="target"' in html
    # Choose the smaller one: the one with more quotes is not forced on the reviewer.
    admin_client.post(
        url,
        {
            "action": "merge_speakers",
            "_selected_action": [big.pk, small.pk],
            "confirm": "yes",
            "target": small.pk,
        },
    )
    assert list(Speaker.objects.all()) == [small]
    moved.refresh_from_db()
    assert moved.speaker == small
    assert Claim.objects.get(pk=claim.pk).claimant == small
    assert small.aliases.filter(normalised="mikhail galuzin").exists()
    record = ReviewDecision.objects.get(action="merge")
    before, after = record.changes["speakers"]
    assert before["merged"]["quotes"] == 2 and before["kept"]["quotes"] == 1
    assert after["kept"]["quotes"] == 3 and after["kept"]["claims"] == 1
    assert record.actor == admin_user


def test_likely_duplicates_page(admin_client) -> None:
    speaker_create(name="Mikhail Galuzin")
    speaker_create(name="Mikahil Galuzin")
    speaker_create(name="Ian Borg")
    response = admin_client.get(reverse("admin:quotes_speaker_duplicates"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mikahil Galuzin" in html and "Mikhail Galuzin" in html and "Ian Borg" not in html
    assert (
        reverse("admin:quotes_speaker_duplicates")
        in admin_client.get(reverse("admin:quotes_speaker_changelist")).content.decode()
    )


def test_speaker_alias_add_service_is_what_the_admin_uses(admin_client) -> None:
    speaker = speaker_create(name="Ian Borg")
    speaker_alias_add(speaker=speaker, alias="Borg")
    data = _change_data(speaker, list(speaker.aliases.order_by("alias")))
    data["title"] = "Minister"
    assert (
        admin_client.post(reverse("admin:quotes_speaker_change", args=[speaker.pk]), data).status_code == 302
    )
    speaker.refresh_from_db()
    assert speaker.title == "Minister" and speaker.aliases.count() == 2


def test_editing_a_speaker_goes_through_the_service_and_records_before_and_after(
    admin_client, admin_user
) -> None:
    speaker = speaker_create(name="Nikol Pashinian", title="Prime Minister")
    data = _change_data(speaker, list(speaker.aliases.all()))
    data.update({"name": "Nikol Pashinyan", "country": "AM", "wikidata_id": "Q7045010"})
    response = admin_client.post(reverse("admin:quotes_speaker_change", args=[speaker.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    speaker.refresh_from_db()
    assert (speaker.name, speaker.country, speaker.wikidata_id) == ("Nikol Pashinyan", "AM", "Q7045010")
    # The old spelling stays an alias (articles already use it); the new one is added.
    assert sorted(speaker.aliases.values_list("normalised", flat=True)) == [
        "nikol pashinian",
        "nikol pashinyan",
    ]
    decision = ReviewDecision.objects.get(speaker=speaker, action=ReviewDecision.Action.UPDATE)
    assert decision.actor == admin_user
    assert decision.changes == {
        "name": ["Nikol Pashinian", "Nikol Pashinyan"],
        "country": ["", "AM"],
        "wikidata_id": ["", "Q7045010"],
    }


def test_saving_a_speaker_unchanged_records_nothing(admin_client) -> None:
    speaker = speaker_create(name="Ian Borg")
    response = admin_client.post(
        reverse("admin:quotes_speaker_change", args=[speaker.pk]),
        _change_data(speaker, list(speaker.aliases.all())),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not ReviewDecision.objects.filter(speaker=speaker).exists()
