"""Personal data in free text: contact details (phone, e-mail, LINE id, national id) scrubbed, pseudonymous ids."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from .thai import to_arabic_digits

# ---------------------------------------------------------------------------------------------
# Personal data: contact details in free text
# ---------------------------------------------------------------------------------------------

SCRUB_PLACEHOLDER = "[ลบข้อมูลติดต่อ]"

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# "name(at)gmail.com", "name [at] gmail [dot] com": the @ (and dots) spelt out to fool harvesters
_AT = r"\s*[\(\[\{]\s*at\s*[\)\]\}]\s*"
_DOT = r"(?:\s*[\(\[\{]\s*dot\s*[\)\]\}]\s*|\.)"
_EMAIL_SPELT = re.compile(
    rf"[A-Za-z0-9._%+\-]+{_AT}[A-Za-z0-9\-]+(?:{_DOT}[A-Za-z0-9\-]+)*{_DOT}[A-Za-z]{{2,}}", re.IGNORECASE
)
# A LINE id after "line"/"ไลน์" (optionally with "id"/"ไอดี", ":" or "คือ"), e.g. "line: abc",
# "Line ID @shop_99", "ไลน์ abc", "ไอดีไลน์:abc". Words that merely contain ไลน์ (ออนไลน์ online,
# เดดไลน์ deadline, ไทม์ไลน์ timeline, ไกด์ไลน์ guideline, ออฟไลน์ offline) are not LINE ids; the id
# must contain a Latin letter (a number-only id is a phone number and is caught as one).
_LINE_ID = re.compile(
    r"(?P<label>(?<![A-Za-z])(?:(?:id|ไอดี)\s*)?line(?:\s*(?:id|ไอดี))?(?:\s*[:：=]\s*|\s*คือ\s*|\s+)"
    r"|(?<!ออน)(?<!ออฟ)(?<!เดด)(?<!เดท)(?<!ไทม์)(?<!ไกด์)(?:(?:id|ไอดี)\s*)?ไลน์(?:\s*(?:id|ไอดี))?\s*(?:[:：=]|คือ)?\s*)"
    r"@?(?=[A-Za-z0-9._\-]*[A-Za-z])[A-Za-z0-9._\-]{3,}",
    re.IGNORECASE,
)
# Digits may be Arabic or Thai (``\d`` matches both); separators between digits: space, dash, dot,
# " - ", or brackets around an area code. Never inside a longer number or a decimal (coordinates).
_SEP = r"(?:\s?[-\u2010-\u2015\u2212]\s?|[ .\u00a0]|\)\s?|\s?\()?"  # dashes: - ‐ ‒ – — ―  −
_NATIONAL_ID = re.compile(r"(?<!\d)(?<!\d\.)\d(?:[ \-]?\d){12}(?!\d)(?!\.\d)")
_PHONE_INTL = re.compile(
    rf"(?<![\d+])(?<!\d\.)(?:\+\s?|\(\+?)?66\)?(?:{_SEP}\(?[0๐]\)?)?(?:{_SEP}\d){{8,9}}(?!\d)(?!\.\d)"
)
_PHONE_TH = re.compile(rf"(?<!\d)(?<!\d\.)\(?[0๐](?:{_SEP}\d){{8,9}}(?!\d)(?!\.\d)")
# 081/234/5678, 081_234_5678, 02/123/4567: slashes and underscores only in a phone's own grouping (a
# 3-digit middle group), so dates (12/05/2569) and file names stay
_PHONE_GROUPED = re.compile(r"(?<![\d/_])[0๐]\d{1,2}(?P<sep>[/_])\d{3}(?P=sep)\d{3,4}(?![\d/_])")

PII_KINDS = ("email", "line_id", "national_id", "phone")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", to_arabic_digits(text))


def _is_national_phone(match: str) -> bool:
    d = _digits(match)
    # 0 + area/operator digit 2–9: landlines 0[2-7]x 9 digits, mobiles 0[689]x 10 digits.
    return len(d) in (9, 10) and d[0] == "0" and d[1] in "23456789"


def _is_intl_phone(match: str) -> bool:
    d = _digits(match)[2:]  # after the country code 66
    if d.startswith("0") and len(d) in (9, 10):  # +66 (0)81…
        d = d[1:]
    return len(d) in (8, 9) and d[0] in "23456789"


def scrub_pii_counts(text: str | None) -> tuple[str | None, Counter]:
    """Like :func:`scrub_pii`, and also count what was replaced, by kind (:data:`PII_KINDS`)."""
    counts: Counter = Counter()
    if not text:
        return text, counts

    def sub(pattern: re.Pattern, kind: str, check=None) -> None:
        nonlocal text

        def repl(m: re.Match) -> str:
            if check is not None and not check(m.group(0)):
                return m.group(0)
            counts[kind] += 1
            label = m.groupdict().get("label")  # keep "ไลน์ " / "line: " and replace the id only
            return (label or "") + SCRUB_PLACEHOLDER

        text = pattern.sub(repl, text)

    sub(_EMAIL, "email")
    sub(_EMAIL_SPELT, "email")
    sub(_LINE_ID, "line_id")
    sub(_NATIONAL_ID, "national_id")  # before phones: a 13-digit id must not be half-replaced
    sub(_PHONE_INTL, "phone", _is_intl_phone)
    sub(_PHONE_TH, "phone", _is_national_phone)
    sub(_PHONE_GROUPED, "phone", _is_national_phone)
    return text, counts


def scrub_pii(text: str | None) -> str | None:
    """Replace contact details in free text with :data:`SCRUB_PLACEHOLDER`.

    Removes e-mail addresses (also spelt ``name(at)mail.com``, ``name [at] mail [dot] com``); LINE ids ("line: abc", "Line ID @abc", "ไลน์ abc"); 13-digit Thai
    national ids (with or without dashes/spaces); Thai phone numbers — mobiles ``08x/09x/06x`` (10
    digits), landlines ``02``–``07x`` (9 digits), written together, with dashes (en/em dashes too), dots
    or spaces, slashes or underscores in the phone's grouping (``081/234/5678``, ``081_234_5678``),
    ``(02)``, in Thai digits, or internationally as ``+66``/``66`` with or without ``(0)``.
    Coordinates, decimals, times ("07.00 - 22.00"), postcodes and longer reference numbers
    ("นร02660019663") are left alone.
    """
    return scrub_pii_counts(text)[0]


def pseudonymous_id(value: str, counts: Counter | None = None) -> str:
    """A ticket id that is itself a contact detail (a desk filing calls under the caller's phone
    number) becomes ``ref-<hash>``: the same id always gives the same value, so re-imports still match."""
    scrubbed, found = scrub_pii_counts(value)
    if scrubbed == value:
        return value
    if counts is not None:
        counts.update(found)
    return "ref-" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]
