"""Anonymous, streamed downloads, hashed on the fly: what a citizen gets from the portal.

A separate session with no credentials and no cookies is used, so a private
dataset answers here exactly as it would to a citizen (403), never as to the
publisher's account.
"""

from __future__ import annotations

import hashlib
import http.cookiejar
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import requests
import urllib3
from urllib3.exceptions import ProtocolError, ReadTimeoutError

from publisher.ckan.transport import check_status

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Download:
    url: str
    status: int
    size: int
    sha256: str
    # True when reading stopped at the caller's limit: the file is bigger than expected.
    truncated: bool = False


def anonymous_session(user_agent: str) -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    session.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    return session


def fetch(session: requests.Session, url: str, *, timeout: float, limit: int | None = None) -> Download:
    """GET `url`, streaming; reads at most `limit`+1 bytes so a wrong file cannot flood us.

    5xx/429 raise `TransientError` (the caller retries); other statuses are returned.
    """
    digest = hashlib.sha256()
    size = 0
    truncated = False
    with session.get(url, stream=True, timeout=timeout, allow_redirects=True) as response:
        check_status(response)
        if response.status_code != 200:
            return Download(url=url, status=response.status_code, size=0, sha256="")
        # The bytes as sent: CKAN serves a `.csv.gz` with `Content-Encoding: gzip` (the type Python
        # guesses for the name), which `iter_content` would inflate, so the archive would never match.
        for chunk in _sent_bytes(response):
            size += len(chunk)
            digest.update(chunk)
            if limit is not None and size > limit:
                truncated = True
                break
    return Download(url=url, status=200, size=size, sha256=digest.hexdigest(), truncated=truncated)


def _sent_bytes(response: requests.Response) -> Iterator[bytes]:
    """The body undecoded, with urllib3's failures raised as `iter_content` raises them (an
    answer cut short is a `ChunkedEncodingError`, which the caller retries)."""
    try:
        yield from response.raw.stream(CHUNK, decode_content=False)
    except ProtocolError as exc:
        raise requests.exceptions.ChunkedEncodingError(exc) from exc
    except ReadTimeoutError as exc:
        raise requests.exceptions.ConnectionError(exc) from exc
    except urllib3.exceptions.SSLError as exc:
        raise requests.exceptions.SSLError(exc) from exc


def through_portal_url(url: str, site_url: str | None, portal_url: str) -> str:
    """`url` as reached through `portal_url` (CKAN_URL) when CKAN built it from its own
    `ckan.site_url` and the two differ: behind a proxy or CDN, CKAN_URL is what citizens use,
    so a download checked at site_url would not see what they get. Other URLs are left as are."""
    if not site_url:
        return url
    site, base, target = urlsplit(site_url.rstrip("/")), urlsplit(portal_url.rstrip("/")), urlsplit(url)
    same_origin = (target.scheme, target.netloc.lower()) == (site.scheme, site.netloc.lower())
    if not same_origin or (site.scheme, site.netloc.lower(), site.path) == (
        base.scheme,
        base.netloc.lower(),
        base.path,
    ):
        return url
    if not (target.path == site.path or target.path.startswith(site.path + "/")):
        return url
    path = base.path + target.path[len(site.path) :]
    return urlunsplit((base.scheme, base.netloc, path, target.query, target.fragment))
