from rest_framework.renderers import JSONRenderer


class JSONLDRenderer(JSONRenderer):
    """JSON-LD (schema.org markup such as ClaimReview) under its own media type."""

    media_type = "application/ld+json"
    format = "jsonld"


__all__ = ["JSONLDRenderer", "JSONRenderer"]
