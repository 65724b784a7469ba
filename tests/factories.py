"""One factory per model. Use .build() when no database is needed."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from quotes.models import Claim, ClaimEvidence, Quote, Rating, ReviewDecision, Speaker, SpeakerAlias
from quotes.names import normalise_name
from sources.content import content_hash
from sources.models import Article, Feed, Source

ARTICLE_TEXT = (
    "Inflation will fall below 3% next year, Finance Minister Jane Doe said on Monday. "
    '"We have done the hard part," she told reporters. '
    "The opposition leader John Roe warned that prices would keep rising."
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"checker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("checker-password")
    is_staff = True


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Outlet {n}")
    homepage = factory.LazyAttribute(lambda s: f"https://outlet{s.name.split()[-1]}.example/")
    language = "en"


class FeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feed

    source = factory.SubFactory(SourceFactory)
    url = factory.Sequence(lambda n: f"https://news.example/feed{n}.xml")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    source = factory.SubFactory(SourceFactory)
    url = factory.Sequence(lambda n: f"https://news.example/articles/{n}")
    title = factory.Faker("sentence", nb_words=6)
    text = factory.Sequence(lambda n: f"{ARTICLE_TEXT}\n\nArticle number {n}.")
    content_hash = factory.LazyAttribute(lambda a: content_hash(a.text))
    status = Article.Status.FETCHED


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker
        skip_postgeneration_save = True

    name = factory.Faker("name")
    title = "Minister"

    @factory.post_generation
    def own_alias(self, create, extracted, **kwargs):
        if create:
            SpeakerAlias.objects.get_or_create(
                normalised=normalise_name(self.name), defaults={"speaker": self, "alias": self.name}
            )


class SpeakerAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerAlias

    speaker = factory.SubFactory(SpeakerFactory)
    alias = factory.Sequence(lambda n: f"Alias Number{n}")
    normalised = factory.LazyAttribute(lambda a: normalise_name(a.alias))


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    article = factory.SubFactory(ArticleFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    speaker_mention = factory.LazyAttribute(lambda q: q.speaker.name if q.speaker else "")
    start = factory.Sequence(lambda n: n % 50)
    end = factory.LazyAttribute(lambda q: q.start + 20)
    text = factory.LazyAttribute(lambda q: q.article.text[q.start : q.end])
    kind = Quote.Kind.DIRECT
    cue = "said"
    confidence = 0.8
    extractor_version = "test-1"


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    label = factory.Sequence(lambda n: f"Rating {n}")
    value = factory.Sequence(lambda n: 100 + n)


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    statement = factory.Faker("sentence")
    claimant = factory.SubFactory(SpeakerFactory)


class ReviewDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewDecision

    actor = factory.SubFactory(UserFactory)
    action = ReviewDecision.Action.APPROVE
    object_kind = ReviewDecision.ObjectKind.QUOTE
    object_id = 1


class ClaimEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimEvidence

    claim = factory.SubFactory(ClaimFactory)
    url = factory.Sequence(lambda n: f"https://stats.example/release/{n}")
    title = factory.Faker("sentence", nb_words=4)


def user_in_group(username: str, group: str) -> User:
    """A staff user in the Reviewer or Editor group that the data migration made."""
    from django.contrib.auth.models import Group

    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user
