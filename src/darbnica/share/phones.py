"""What the share server needs to know about a phone, and what it checks before a phone may write.

- **The phone's cookie**: 128 random bits, made on its first visit (``HttpOnly; SameSite=Strict; Path=/<token>``).
  The room knows a phone only by a hash of it (:func:`phone_id`), so no file holds a value that could be sent as
  that phone's cookie; no IP address is kept anywhere.
- **The form token**: a keyed hash of the cookie (:func:`form_token`), in a hidden field of every form. A page
  made for another phone, or by another site, does not have it.
- **Origin**: every POST must say it comes from the address it is sent to (browsers send no ``Sec-Fetch-*`` to a
  plain-HTTP address on a LAN, but all of them send ``Origin`` with a form).
- **Size**: a body larger than :data:`BODY_LIMIT` is refused by its ``Content-Length`` before it is read.

Nothing here knows the room's rules; those are in :mod:`darbnica.room`.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from aiohttp import hdrs, web

from darbnica.errors import DarbnicaError, InvalidInput, NotFound, WriteFailed
from darbnica.i18n import LANGS, translator
from darbnica.room import Blocked, RoomRefused, TooFast
from darbnica.share.guard import REQUEST_SECONDS

PHONE_COOKIE = "darbnica_phone"
LANG_COOKIE = "darbnica_lang"
COOKIE_SECONDS = 24 * 3600
"""How long a phone keeps its cookie (and so its dots and its "yours" count): the day of the workshop."""
BODY_LIMIT = 8 * 1024
"""The largest request body taken: a note of 500 characters, each sent as up to 12 bytes (``%F0%9F%98%80``),
with the hidden fields."""
FIELDS_LIMIT = 12
"""The most form fields read from one body."""
WRITE_RETRY_SECONDS = 5
"""How soon a phone is told to try again when the disk refused its note."""

PHONE_CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""The participant page loads nothing but its own stylesheet and script, and posts only to itself."""
PHONE_HEADERS = {
    "Cache-Control": "no-store",  # a phone's page holds its form token and its own counts: never kept
    "Content-Security-Policy": PHONE_CSP,
}


def new_cookie() -> str:
    return secrets.token_urlsafe(16)


def phone_id(cookie: str) -> str:
    """The id the room keeps for the phone with ``cookie``: the same for the same cookie, run after run."""
    return hashlib.blake2b(cookie.encode(), digest_size=12, person=b"darbnica-phone").hexdigest()


def form_token(secret: bytes, cookie: str) -> str:
    return hmac.new(secret, cookie.encode(), hashlib.sha256).hexdigest()[:32]


def valid_form(secret: bytes, cookie: str | None, token: str) -> bool:
    return cookie is not None and hmac.compare_digest(form_token(secret, cookie), token)


def cookie_of(request: web.Request) -> str | None:
    """The phone's cookie, if it sent one that looks like one of ours."""
    value = request.cookies.get(PHONE_COOKIE)
    if value is None or not 16 <= len(value) <= 64 or not value.replace("-", "").replace("_", "").isalnum():
        return None
    return value


def set_cookies(response: web.StreamResponse, base: str, cookie: str | None, lang: str | None) -> None:
    for name, value in ((PHONE_COOKIE, cookie), (LANG_COOKIE, lang)):
        if value is not None:
            response.set_cookie(name, value, path=base, max_age=COOKIE_SECONDS, httponly=True, samesite="Strict")


def chosen_lang(request: web.Request, form: dict[str, str] | None, default: str) -> tuple[str, bool]:
    """The language the phone chose (a link's ``?lang=``, the form's field, its cookie), else ``default``, and
    whether it was chosen just now (so the cookie is set)."""
    asked = request.query.get("lang")
    if asked in LANGS:
        return asked, True
    for value in ((form or {}).get("lang"), request.cookies.get(LANG_COOKIE)):
        if value in LANGS:
            assert value is not None
            return value, False
    return (default if default in LANGS else LANGS[0]), False


def same_origin(request: web.Request) -> bool:
    """Whether the request's ``Origin`` is the address it was sent to (a missing ``Origin`` is not)."""
    origin = request.headers.get(hdrs.ORIGIN)
    if not origin or origin == "null":
        return False
    parts = urlsplit(origin)
    return parts.scheme == "http" and parts.netloc.lower() == request.host.lower() and not parts.path


class TooLarge(Exception):
    """The body is larger than :data:`BODY_LIMIT`."""


class Garbled(Exception):
    """The body holds more fields than the page's form has (:data:`FIELDS_LIMIT`): not sent by the page."""


class TooSlow(Exception):
    """The body did not come whole within :data:`BODY_SECONDS`."""


BODY_SECONDS = REQUEST_SECONDS
"""How long a form's body may take to come whole, as long as a request may take to come at all: 8 KiB, over a
hall's Wi-Fi, in well under a second. The connection guard closes connections waiting for a request, not one whose
request is being read: without this, half-sent notes from one phone would hold connections until none was left."""


async def read_form(request: web.Request) -> dict[str, str]:
    """The fields of a form body, read only if it is small enough (:class:`TooLarge` otherwise), comes whole in
    time (:class:`TooSlow`) and has no more fields than a form of the page (:class:`Garbled` otherwise: a note's
    own "&" is sent as "%26")."""
    length = request.content_length
    if length is not None and length > BODY_LIMIT:
        raise TooLarge()
    # To its end: one read gives only what has arrived, and a long note over Wi-Fi comes in several packets (its
    # first part alone was kept, and the phone told it was received). Never more than the limit (chunked bodies).
    raw = b""
    try:
        async with asyncio.timeout(BODY_SECONDS):
            while chunk := await request.content.read(BODY_LIMIT + 1 - len(raw)):
                raw += chunk
                if len(raw) > BODY_LIMIT:
                    raise TooLarge()
    except TimeoutError:
        raise TooSlow() from None
    try:
        pairs = parse_qsl(raw.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=FIELDS_LIMIT)
    except ValueError:
        raise Garbled() from None
    return dict(pairs)


@dataclass(frozen=True)
class Refusal:
    """How a refused note or dot is answered: the status, the sentence in the phone's language, the wait."""

    status: int
    sentence: str
    retry_after: int | None = None
    key: str = ""
    """The locale key of the sentence: the page's script reloads the page for ``phone.old_page``."""

    @property
    def headers(self) -> dict[str, str]:
        return {hdrs.RETRY_AFTER: str(self.retry_after)} if self.retry_after is not None else {}


def refusal(error: DarbnicaError, lang: str) -> Refusal:
    t = translator(lang)
    if isinstance(error, TooFast):
        return Refusal(429, t(error.key, **error.params), max(1, math.ceil(error.retry_after or 1)))
    if isinstance(error, Blocked):
        return Refusal(403, t(error.key, **error.params))
    if isinstance(error, RoomRefused | NotFound):
        return Refusal(409, t(error.key, **error.params))
    if isinstance(error, InvalidInput):
        return Refusal(422, t(error.key, **error.params))
    if isinstance(error, WriteFailed):
        return Refusal(503, t("phone.not_received"), WRITE_RETRY_SECONDS)
    return Refusal(503, t("phone.not_received"), WRITE_RETRY_SECONDS)
