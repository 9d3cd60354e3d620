"""Sales channels by key: the family of each and the English and Dutch phrases naming it.

One table for the statement parser (:mod:`smartgoals.language`) and the scoring rules
(:mod:`smartgoals.scoring.vocabulary`), so that a channel read from a statement and a
channel a context lists as in use compare by the same key.

>>> CHANNELS["instagram"][0]
'social_media'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["CHANNELS"]

#: Channel key → (family, phrases in English and Dutch). A family key such as
#: ``"social_media"`` is itself a channel: "social media" in a statement means the family.
CHANNELS: Final[Mapping[str, tuple[str, tuple[str, ...]]]] = {
    "social_media": (
        "social_media",
        ("social media", "social selling", "sociale media", "social-mediaverkoop", "socials"),
    ),
    "instagram": ("social_media", ("instagram", "insta", "instagram-verkoop")),
    "facebook": ("social_media", ("facebook", "meta ads")),
    "linkedin": ("social_media", ("linkedin", "linked in", "sales navigator")),
    "twitter": ("social_media", ("twitter", "x.com")),
    "tiktok": ("social_media", ("tiktok", "tik tok")),
    "youtube": ("social_media", ("youtube",)),
    "email": (
        "email",
        (
            "email",
            "e-mail",
            "emails",
            "e-mails",
            "mailing",
            "mailings",
            "newsletter",
            "nieuwsbrief",
            "e-mailcampagne",
            "e-mailcampagnes",
            "email campaign",
            "email campaigns",
            "cold email",
            "cold emails",
        ),
    ),
    "phone": (
        "phone",
        (
            "phone",
            "telephone",
            "cold calling",
            "cold call",
            "cold calls",
            "telemarketing",
            "telefoon",
            "telefonisch",
            "telefonische",
            "koud bellen",
        ),
    ),
    "events": (
        "events",
        (
            "event",
            "events",
            "trade show",
            "trade shows",
            "trade fair",
            "trade fairs",
            "conference",
            "conferences",
            "evenement",
            "evenementen",
            "beurs",
            "beurzen",
            "vakbeurs",
            "vakbeurzen",
            "congres",
            "congressen",
        ),
    ),
    "webinars": ("webinars", ("webinar", "webinars", "webinar series", "webinarreeks")),
    "partners": (
        "partners",
        (
            "partner",
            "partners",
            "channel partner",
            "channel partners",
            "reseller",
            "resellers",
            "affiliate",
            "affiliates",
            "wederverkoper",
            "wederverkopers",
            "partnerkanaal",
            "distributeur",
            "distributeurs",
        ),
    ),
    "referrals": (
        "referrals",
        ("referral", "referrals", "word of mouth", "doorverwijzing", "doorverwijzingen"),
    ),
    "website": (
        "website",
        ("website", "web shop", "webshop", "online store", "landing page", "seo", "inbound"),
    ),
    "paid_ads": (
        "paid_ads",
        (
            "google ads",
            "adwords",
            "paid search",
            "paid ads",
            "online ads",
            "ppc",
            "advertenties",
            "online adverteren",
        ),
    ),
    "field_sales": (
        "field_sales",
        ("field sales", "door to door", "door-to-door", "buitendienst", "huis-aan-huis"),
    ),
    "retail": ("retail", ("retail", "store", "stores", "winkel", "winkels", "filiaal")),
    "marketplaces": ("marketplaces", ("marketplace", "marketplaces", "amazon", "bol.com")),
    "chat": ("chat", ("whatsapp", "live chat", "chatbot")),
}
