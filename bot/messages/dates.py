"""Dates and times as a reader of each language writes them, in the bureau's time zone.

Babel (CLDR) knows how each locale writes them: "2026年11月23日 14:05" in Chinese,
"Nov 23, 2026, 2:05 PM" in English. The zone is the categories file's (Asia/Shanghai).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import Final

from babel.dates import format_date, format_time, format_timedelta

from bot.messages import LOCALES, normalize_language, t, t_


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


_DAYS: Final = {-1: t_("due.yesterday"), 0: t_("due.today"), 1: t_("due.tomorrow")}
"""Deadlines of the day before, of today and of tomorrow are named by their day."""
SOON: Final = timedelta(hours=12)
"""How far ahead an English deadline also says how long is left ("in 2 hours")."""


def format_due(moment: datetime, zone: tzinfo, lang: str | None, now: datetime | None) -> str:
    """A deadline as people say it, in the bureau's time zone: "今天 18:30", "明天 10:00",
    "6:30 PM today (in 2 hours)"; further off, or with no `now`, the date and time.

    Chinese texts put 前 after a deadline ("处理时限：今天 18:30 前"), so only English also
    says how long is left, where "due by 6:30 PM today (in 2 hours)" reads naturally."""
    if now is None:
        return format_moment(moment, zone, lang)
    language = normalize_language(lang)
    locale = LOCALES[language]
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    key = _DAYS.get((local.date() - today).days)
    if key is None:
        return format_moment(moment, zone, lang)
    words = t(key, lang, time=format_time(local, "short", tzinfo=zone, locale=locale))
    left = moment - now
    if language == "en" and timedelta(0) < left <= SOON:
        words += f" ({format_timedelta(left, threshold=1, add_direction=True, locale=locale)})"
    return words
