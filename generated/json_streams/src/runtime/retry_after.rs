//! Reading how long a server asks the client to wait before trying again.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;

/// The wait the server asked for, if it asked in a form we understand: `retry-after-ms` or
/// `x-ms-retry-after-ms` (milliseconds, sent by Azure and others for sub-second precision, so they win),
/// else `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3) relative to `now`. A date in the
/// past means "now". Anything unparsable is ignored, so the client falls back to its own backoff: a
/// server's malformed header must not fail or stall the call.
pub(super) fn server_delay(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok()).map(str::trim);
    let millis = ["retry-after-ms", "x-ms-retry-after-ms"].into_iter().find_map(|name| text(name)?.parse().ok());
    if let Some(millis) = millis {
        return Some(Duration::from_millis(millis));
    }
    let value = text("retry-after")?;
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = parse_http_date(value)?;
    Some(at.duration_since(now).unwrap_or_default())
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the only HTTP-date form servers may send
/// (RFC 9110 §5.6.7); the obsolete RFC 850 and asctime forms are treated as unparsable.
fn parse_http_date(text: &str) -> Option<SystemTime> {
    let mut fields = text.split_ascii_whitespace();
    let weekday = fields.next()?;
    let (day, month, year, time, zone) =
        (fields.next()?, fields.next()?, fields.next()?, fields.next()?, fields.next()?);
    if fields.next().is_some() || !weekday.ends_with(',') || zone != "GMT" || day.len() != 2 || year.len() != 4 {
        return None;
    }
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
    let day: u32 = day.parse().ok()?;
    let year: i64 = year.parse().ok()?;
    let mut clock = time.split(':').map(|part| if part.len() == 2 { part.parse::<u64>().ok() } else { None });
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    if clock.next().is_some()
        || hour > 23
        || minute > 59
        || second > 60
        || !(1..=days_in_month(year, month)).contains(&day)
    {
        return None;
    }
    let days = u64::try_from(days_from_civil(year, month, day)).ok()?;
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = i64::from(month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn delay(pairs: &[(&'static str, &'static str)], now: SystemTime) -> Option<Duration> {
        let headers: HeaderMap = pairs
            .iter()
            .map(|(name, value)| (reqwest::header::HeaderName::from_static(name), HeaderValue::from_static(value)))
            .collect();
        server_delay(&headers, now)
    }

    fn at(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    /// 1994-11-06T08:49:37Z, RFC 9110's example.
    const EXAMPLE: u64 = 784_111_777;

    #[test]
    fn delta_seconds_and_milliseconds() {
        let now = at(0);
        assert_eq!(delay(&[("retry-after", "120")], now), Some(Duration::from_secs(120)));
        assert_eq!(delay(&[("retry-after", " 0 ")], now), Some(Duration::ZERO));
        assert_eq!(delay(&[("retry-after-ms", "250")], now), Some(Duration::from_millis(250)));
        assert_eq!(
            delay(&[("x-ms-retry-after-ms", "1500"), ("retry-after", "9")], now),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(delay(&[("retry-after", "31536000")], now), Some(Duration::from_secs(31_536_000)));
    }

    #[test]
    fn http_dates_are_relative_to_now_and_never_negative() {
        let header = [("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT")];
        assert_eq!(delay(&header, at(EXAMPLE - 30)), Some(Duration::from_secs(30)));
        assert_eq!(delay(&header, at(EXAMPLE + 30)), Some(Duration::ZERO), "a past date means now");
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(at(0)));
        assert_eq!(parse_http_date("Tue, 29 Feb 2000 23:59:59 GMT"), Some(at(951_868_799)));
        assert_eq!(parse_http_date("Tue, 01 Dec 2026 12:00:00 GMT"), Some(at(1_796_126_400)));
    }

    #[test]
    fn garbage_is_ignored() {
        let now = at(EXAMPLE);
        for value in [
            "soon",
            "-5",
            "1.5",
            "99999999999999999999999",
            "",
            "Sun, 06 Nov 1994 08:49:37 PST",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1994 08:49:37:00 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
            "Sun, 6 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_http_date(value), None, "{value:?}");
            let header = [("retry-after", value), ("retry-after-ms", "x")];
            assert_eq!(delay(&header, now), None, "{value:?}");
        }
        assert_eq!(delay(&[], now), None);
    }
}
