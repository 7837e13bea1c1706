"""Dates, times and numbers written the way their reader writes them.

The one place where the addon turns a date, a datetime or a number into
text for a person: chatter messages, e-mails, error messages, the leaver's
questionnaire page and the printed reports all call these functions, so that
a Norwegian reader sees 31.10.2026, 14:30 and 2,67 everywhere, and an
American one 10/31/2026, 14:30 and 2.67.

The language is the res.lang of ``lang`` (default: the environment's
language, else English); the time zone of a datetime is ``tz`` (default: the
environment's, else the user's, else UTC). Times are written without seconds:
nobody plans an interview to the second.
"""
import re
from datetime import date, datetime

import babel
import babel.dates
import pytz

from odoo import fields
from odoo.tools.misc import posix_to_ldml

# A seconds field and the separator before it, in a strftime format.
SECONDS = re.compile(r'[:.]?%S')


def reader_lang(env, lang=None):
    """The res.lang record of ``lang``, else of the environment, else English."""
    return env['res.lang']._lang_get(lang or env.context.get('lang') or 'en_US')


def reader_tz(env, tz=None):
    """The time zone the reader lives in."""
    name = tz or env.context.get('tz') or env.user.tz or 'UTC'
    try:
        return pytz.timezone(name)
    except pytz.UnknownTimeZoneError:
        return pytz.utc


def _local_datetime(env, value, tz=None):
    """A naive UTC datetime (or its server string) in the reader's time zone."""
    if isinstance(value, str):
        value = fields.Datetime.from_string(value)
    return pytz.utc.localize(value).astimezone(reader_tz(env, tz))


def _as_date(env, value, tz=None):
    """The day of a date, or of a datetime where the reader lives."""
    if isinstance(value, datetime):
        return _local_datetime(env, value, tz).date()
    if isinstance(value, str):
        if len(value) > len('YYYY-MM-DD'):
            return _local_datetime(env, value, tz).date()
        return fields.Date.from_string(value)
    return value


def format_date(env, value, lang=None, tz=None):
    """A date (or the day of a datetime) as the reader writes it; '' for none."""
    if not value:
        return ''
    language = reader_lang(env, lang)
    return _babel_date(language, _as_date(env, value, tz))


def format_datetime(env, value, lang=None, tz=None):
    """A datetime, stored in UTC, in the reader's time zone and language,
    without seconds; '' for none. A date alone is written as a date."""
    if not value:
        return ''
    if isinstance(value, date) and not isinstance(value, datetime) \
            or isinstance(value, str) and len(value) <= len('YYYY-MM-DD'):
        return format_date(env, value, lang=lang, tz=tz)
    language = reader_lang(env, lang)
    moment = _local_datetime(env, value, tz).replace(tzinfo=None)
    locale = babel.Locale.parse(language.code)
    time_format = posix_to_ldml(SECONDS.sub('', language.time_format or '%H:%M'), locale)
    return '%s %s' % (_babel_date(language, moment.date()),
                      babel.dates.format_time(moment, format=time_format, locale=locale))


def _babel_date(language, day):
    """A day in the language's date format, month names in that language
    (strftime would write them in the server's)."""
    locale = babel.Locale.parse(language.code)
    return babel.dates.format_date(
        day, format=posix_to_ldml(language.date_format or '%m/%d/%Y', locale), locale=locale)


def format_number(env, value, digits=2, lang=None):
    """A number with the reader's decimal point and thousands separator;
    '' for none (0 is a number)."""
    if value is None or value is False:
        return ''
    # res.lang puts its decimal point in only when it groups the thousands
    return reader_lang(env, lang).format('%%.%df' % digits, value, grouping=True)
