"""The TIMEX3 value grammar (TimeML 1.2.1, ISO-TimeML) as far as the guideline uses it."""

from __future__ import annotations

import datetime
import re

TIMEX3_TYPES = ("DATE", "TIME", "DURATION", "SET")
TIMEX3_MODS = (
    "START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER",
    "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE",
)  # fmt: skip

_YEAR = r"(?P<year>\d{4}|\d{3}X|\d{2}XX)"
_CALENDAR = re.compile(
    _YEAR
    + r"(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?"
    + r"|-W(?P<week>\d{2})(?:-WE)?"
    + r"|-(?P<season>SP|SU|FA|WI)"
    + r"|-Q(?P<quarter>[1-4])"
    + r"|-H(?P<half>[12]))?"
)
_TIME_OF_DAY = re.compile(r"T(?:(?P<hour>\d{2})(?::(?P<minute>\d{2}))?|MO|MI|AF|EV|NI|DT)")
_REFERENCES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_DURATION = re.compile(
    r"P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE|ML|Q|SP|SU|FA|WI|WE))+"
    r"|PT(?:(?:\d+(?:\.\d+)?|X)(?:H|M|S))+"
    r"|P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D))+T(?:(?:\d+(?:\.\d+)?|X)(?:H|M|S))+"
)
_SET = re.compile(r"XXXX(?:-XX(?:-\d{2})?|-W(?:\d{2}|XX)(?:-[1-7])?|-\d{2}(?:-\d{2})?)")


def _calendar_error(match: re.Match[str]) -> str | None:
    year, month, day, week = match["year"], match["month"], match["day"], match["week"]
    if month is not None and not 1 <= int(month) <= 12:
        return f"month {month} is not 01-12"
    if day is not None:
        if not year.isdigit():
            return "a day needs a fully specified year"
        try:
            datetime.date(int(year), int(month), int(day))
        except ValueError:
            return f"{year}-{month}-{day} is not a calendar date"
    if week is not None and year.isdigit():
        try:
            datetime.date.fromisocalendar(int(year), int(week), 1)
        except ValueError:
            return f"week {week} does not exist in {year}"
    return None


def timex3_error(value: object, timex_type: str) -> str | None:
    """Why ``value`` is not a TIMEX3 value of ``timex_type``, or None when it is one."""
    if not isinstance(value, str) or not value:
        return f"expected a TIMEX3 value string, got {value!r}"
    if timex_type == "DURATION":
        return None if _DURATION.fullmatch(value) else f"{value!r} is not a TIMEX3 duration (e.g. P5M, PXD)"
    if timex_type == "SET":
        if _DURATION.fullmatch(value) or _SET.fullmatch(value):
            return None
        return f"{value!r} is not a TIMEX3 set value (e.g. P1W, XXXX-WXX-1)"
    if value in _REFERENCES:
        return None
    date_part, separator, time_part = value.partition("T")
    match = _CALENDAR.fullmatch(date_part)
    if match is None:
        return f"{value!r} is not a TIMEX3 date (e.g. 2025-12-25, 2025-12, 2024-SU, 2025-W51)"
    if timex_type == "TIME" and not separator:
        return f"{value!r} has no time of day, but type is TIME"
    if separator:
        time_match = _TIME_OF_DAY.fullmatch("T" + time_part)
        if time_match is None or match["day"] is None:
            return f"{value!r} has an invalid time of day"
        hour, minute = time_match["hour"], time_match["minute"]
        if hour is not None and (int(hour) > 24 or (minute is not None and int(minute) > 59)):
            return f"{value!r} has an invalid time of day"
    return _calendar_error(match)
