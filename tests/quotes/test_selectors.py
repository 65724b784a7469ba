import pytest

from quotes.selectors import known_speakers
from tests.factories import SpeakerAliasFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_known_speakers_for_a_text_are_those_it_names_by_name_or_alias() -> None:
    galuzin = SpeakerFactory(name="Mikhail Galuzin")
    SpeakerAliasFactory(speaker=galuzin, alias="Mikahil Galuzin")
    SpeakerFactory(name="Nikol Pashinyan")
    SpeakerFactory(name="Jane Doe")

    found = known_speakers(
        text="Deputy Foreign Minister Mikahil Galuzin warned that Pashinyan would regret it."
    )

    assert sorted(s.name for s in found) == ["Mikhail Galuzin", "Nikol Pashinyan"]
    assert "Mikahil Galuzin" in next(s for s in found if s.name == "Mikhail Galuzin").aliases


def test_known_speakers_without_a_text_are_all_of_them() -> None:
    SpeakerFactory(name="Nikol Pashinyan")
    SpeakerFactory(name="Jane Doe")

    assert sorted(s.name for s in known_speakers()) == ["Jane Doe", "Nikol Pashinyan"]
