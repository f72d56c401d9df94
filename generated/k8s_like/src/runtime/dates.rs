//! Dates and times as parameters. Only crates whose spec uses `format: date` or `format: date-time`
//! carry this file (and the `chrono` dependency).

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};

use super::encoding::ParamValue;

/// RFC 3339 (`2024-05-01T12:30:00+02:00`, or `Z` for UTC), the `date-time` format of Swagger 2.0. Fractional
/// seconds are written only when present, so a value read from a server goes back as it came.
impl ParamValue for DateTime<FixedOffset> {
    fn to_param(&self) -> String {
        self.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }
}

/// RFC 3339 `full-date` (`2024-05-01`), the `date` format of Swagger 2.0.
impl ParamValue for NaiveDate {
    fn to_param(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_are_rfc3339() {
        let utc: DateTime<FixedOffset> = "2024-05-01T12:30:00Z".parse().unwrap();
        assert_eq!(utc.to_param(), "2024-05-01T12:30:00Z");
        let offset: DateTime<FixedOffset> = "2024-05-01T12:30:00.250+02:00".parse().unwrap();
        assert_eq!(offset.to_param(), "2024-05-01T12:30:00.250+02:00");
    }

    #[test]
    fn dates_are_full_dates() {
        assert_eq!(NaiveDate::from_ymd_opt(7, 1, 2).unwrap().to_param(), "0007-01-02");
    }
}
