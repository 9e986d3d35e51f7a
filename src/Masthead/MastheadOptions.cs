using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Masthead;

/// <summary>
/// Masthead's own settings at the top of the "Masthead" section; the sections below it have their own classes
/// (<see cref="Publishing.Cdn.CdnOptions"/>, <see cref="Events.EventOptions"/>, <see cref="Publishing.Links.LinkCheckerOptions"/>).
/// README "Configuration" lists the same keys with the same defaults (a test compares them).
/// </summary>
public sealed class MastheadOptions : IValidatableObject
{
    public const string Section = "Masthead";

    /// <summary>sqlite:PATH, or a PostgreSQL connection string.</summary>
    public string Database { get; set; } = "sqlite:data/masthead.db";
    public string ThemeFolder { get; set; } = "data/theme";
    public bool Demo { get; set; } = true;
    public string DataFolder { get; set; } = "data";
    [Range(10, 3_600_000)] public int SchedulerIntervalMs { get; set; } = 15_000;
    /// <summary>The public address; empty: the request's own host.</summary>
    public string? SiteUrl { get; set; }
    [Range(1, 50_000)] public int SitemapPageSize { get; set; } = 50_000;
    /// <summary>Apply migrations when a server starts. SQLite always does; on PostgreSQL `masthead migrate` does, once per release.</summary>
    public bool MigrateOnStart { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Data.DatabaseLocation.Problem(Database) is { } problem) yield return new ValidationResult(problem, [nameof(Database)]);
        if (!string.IsNullOrWhiteSpace(SiteUrl) && !(Uri.TryCreate(SiteUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return new ValidationResult("give the site's full address, such as https://news.example.org", [nameof(SiteUrl)]);
    }
}

public static class MastheadOptionsServices
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and checks it when the host starts, naming the key of each problem.</summary>
    public static IServiceCollection AddMastheadOptions<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new KeyedValidation<T>(section));
        return services;
    }

    private sealed class KeyedValidation<T>(string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)) return ValidateOptionsResult.Success;
            return ValidateOptionsResult.Fail(results.Select(r =>
                $"{string.Join(", ", r.MemberNames.Select(m => $"{section}:{m}").DefaultIfEmpty(section))}: {r.ErrorMessage}"));
        }
    }
}

public static class StartupChecks
{
    /// <summary>Every options class checked now, before the store is touched: a wrong value names its key and stops start-up.</summary>
    public static string? ConfigurationProblem(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException error)
        {
            return "Configuration: " + string.Join("; ", error.Failures);
        }
        catch (InvalidOperationException error) when (error.Message.Contains("configuration value", StringComparison.Ordinal))
        {
            // The binder's own words name the key: "Failed to convert configuration value 'abc' at 'Masthead:SitemapPageSize' to type 'System.Int32'."
            return "Configuration: " + error.Message;
        }
    }
}
