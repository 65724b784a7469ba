"""Settings of bench/api.py's server: claimtrack's own, with the reference endpoints added.

The benchmark measures each API row beside endpoints that do only part of an API request's
work (bench/api_reference_urls.py), to show where the cost of a request lies. Only the URLconf
differs from production: every claimtrack URL is served exactly as it is there.
"""

from claimtrack.settings import *  # noqa: F403

ROOT_URLCONF = "api_reference_urls"
