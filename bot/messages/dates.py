"""Dates and times as a reader of each language writes them, in the bureau's time zone.

Babel (CLDR) knows how each locale writes them: "2026年11月23日 14:05" in Chinese,
"Nov 23, 2026, 2:05 PM" in English. The zone is the categories file's (Asia/Shanghai).
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from babel.dates import format_date, format_time

from bot.messages import LOCALES, normalize_language


def format_moment(moment: datetime, zone: tzinfo, lang: str | None) -> str:
    """`moment` as a local date and time (to the minute) in `lang`'s way of writing them."""
    locale = LOCALES[normalize_language(lang)]
    local = moment.astimezone(zone)
    day = format_date(local, "medium", locale=locale)
    time = format_time(local, "short", tzinfo=zone, locale=locale)
    # The locale's own way of joining the two ("{1} {0}", "{1}, {0}").
    return str(locale.datetime_formats["medium"]).replace("{1}", day).replace("{0}", time)


def format_day(day: date, lang: str | None) -> str:
    """`day` written out in `lang` ("2026年11月23日", "November 23, 2026")."""
    return format_date(day, "long", locale=LOCALES[normalize_language(lang)])
