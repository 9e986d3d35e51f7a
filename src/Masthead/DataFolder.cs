using Microsoft.Extensions.Options;

namespace Masthead;

/// <summary>Where Masthead keeps files: media, data-protection keys. <c>Masthead:DataFolder</c>, default <c>data</c>.</summary>
public sealed record DataFolder(string Path)
{
    public const string ConfigKey = "Masthead:DataFolder";

    public static DataFolder FromConfiguration(IServiceProvider services) => new(System.IO.Path.GetFullPath(
        services.GetRequiredService<IOptions<MastheadOptions>>().Value.DataFolder,
        services.GetRequiredService<IHostEnvironment>().ContentRootPath));
}
