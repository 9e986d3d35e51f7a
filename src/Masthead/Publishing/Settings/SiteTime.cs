namespace Masthead.Publishing.Settings;

public static class SiteTime
{
    public static TimeZoneInfo Zone(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId)) return TimeZoneInfo.Utc;
        return TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>A date without a time (a dateline) is read as the start of that day where the publication is.</summary>
    public static DateTime StartOfDayUtc(DateOnly date, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
}

public static class SiteDates
{
    public static string Iso(DateTime utc, TimeZoneInfo zone) =>
        new DateTimeOffset(TimeZoneInfo.ConvertTimeFromUtc(utc, zone), zone.GetUtcOffset(utc)).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"January 16, 2020", as the dateline reads.</summary>
    public static string Display(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"January 16, 2020, 14:05" (with " UTC" on UTC sites): corrections carry their time, not just their day.</summary>
    public static string DisplayWithTime(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("MMMM d, yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture)
        + (zone == TimeZoneInfo.Utc ? " UTC" : "");
}
