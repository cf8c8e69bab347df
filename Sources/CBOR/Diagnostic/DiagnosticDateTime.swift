/// RFC 3339 text for tag 1 epoch times, as cbor-edn prints them through Rust's
/// chrono: UTC, `+00:00`, a fraction of 3, 6 or 9 digits only when non-zero,
/// years outside 0...9999 with a sign, and chrono's range of ±262143 years.
enum DiagnosticDateTime {
    /// chrono's first and last representable second (−262143-01-01, +262142-12-31T23:59:59).
    static let secondsRange: ClosedRange<Int64> = -8_334_601_228_800...8_210_266_876_799

    /// Seconds and nanoseconds of a float time as Rust's `as` casts give them:
    /// seconds truncated and saturated (NaN is 0), the fraction's nanoseconds
    /// truncated, negative fractions dropped.
    static func split(_ time: Double) -> (seconds: Int64, nanoseconds: UInt32) {
        let whole = time.rounded(.towardZero)
        let seconds: Int64
        if time.isNaN {
            seconds = 0
        } else if whole >= 9_223_372_036_854_775_808.0 {
            seconds = .max
        } else if whole < -9_223_372_036_854_775_808.0 {
            seconds = .min
        } else {
            seconds = Int64(whole)
        }
        let fraction = (time - whole) * 1_000_000_000
        let nanoseconds = fraction.isNaN || fraction <= 0 ? 0 : UInt32(min(fraction, 999_999_999))
        return (seconds, nanoseconds)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff]+00:00`, or nil outside chrono's range.
    static func rfc3339(seconds: Int64, nanoseconds: UInt32) -> String? {
        guard secondsRange.contains(seconds) else { return nil }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text = yearText(year) + "-" + twoDigits(month) + "-" + twoDigits(day)
        text += "T" + twoDigits(secondOfDay / 3600) + ":" + twoDigits(secondOfDay / 60 % 60)
        text += ":" + twoDigits(secondOfDay % 60) + fractionText(nanoseconds)
        return text + "+00:00"
    }

    /// Proleptic Gregorian date of a day count (Howard Hinnant's `civil_from_days`).
    private static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func yearText(_ year: Int64) -> String {
        if (0...9999).contains(year) { return padded(year.magnitude, 4) }
        return (year < 0 ? "-" : "+") + padded(year.magnitude, 4)
    }

    private static func fractionText(_ nanoseconds: UInt32) -> String {
        if nanoseconds == 0 { return "" }
        if nanoseconds % 1_000_000 == 0 { return "." + padded(UInt64(nanoseconds / 1_000_000), 3) }
        if nanoseconds % 1_000 == 0 { return "." + padded(UInt64(nanoseconds / 1_000), 6) }
        return "." + padded(UInt64(nanoseconds), 9)
    }

    private static func twoDigits(_ value: Int) -> String { padded(UInt64(value), 2) }

    private static func padded(_ value: UInt64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
