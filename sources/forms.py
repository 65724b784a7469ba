from __future__ import annotations

from typing import Any

from django import forms

from sources.models import Source


class ArticleSubmitForm(forms.Form):
    """Admin input: an article by URL (fetched by a worker) or by pasted text/HTML."""

    url = forms.CharField(
        label="URL",
        required=False,
        max_length=2048,
        widget=forms.URLInput(attrs={"size": 100, "placeholder": "https://"}),
        help_text="Fetched by a worker; private and local addresses are refused.",
    )
    content = forms.CharField(
        label="or paste the text or HTML",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
    )
    title = forms.CharField(required=False, max_length=1000)
    source = forms.ModelChoiceField(queryset=Source.objects.all(), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_url = bool(data.get("url", "").strip())
        has_content = bool(data.get("content", "").strip())
        if has_url == has_content:
            raise forms.ValidationError("Give either a URL or a text, not both.")
        return data
