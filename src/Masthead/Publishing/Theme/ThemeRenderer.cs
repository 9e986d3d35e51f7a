using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.FileProviders;

namespace Masthead.Publishing.Theme;

/// <summary>
/// Renders the public site from Liquid templates. A template is looked up first in the site's own theme folder
/// (<c>Masthead:ThemeFolder</c>), then in <c>Themes/default</c>: a publication overrides any file by dropping one with
/// the same name into its folder, with no rebuild; a changed file is picked up within seconds.
/// Pages render into <c>layout.liquid</c> as <c>content_for_layout</c>, the Shopify convention.
/// </summary>
public sealed class ThemeRenderer
{
    // Leaves non-ASCII text as it is (a Cyrillic byline stays readable in the source); still encodes markup characters.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    private readonly FluidParser parser = new();
    private readonly TemplateOptions options;
    private readonly ConcurrentDictionary<string, IFluidTemplate> templates = new();

    public ThemeRenderer(IFileProvider files)
    {
        Files = files;
        options = new TemplateOptions { FileProvider = files };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        foreach (var type in ThemeModels.Types)
            options.MemberAccessStrategy.Register(type);
    }

    public IFileProvider Files { get; }

    /// <summary>A template file changed on disk: every page rendered with the old one is out of date.</summary>
    public event Action? TemplateChanged;

    public static IFileProvider CreateFileProvider(string siteThemeFolder, string defaultThemeFolder)
    {
        Directory.CreateDirectory(siteThemeFolder);
        // Polling, not inotify: many hosts in one process (tests) would run out of inotify instances.
        return new CompositeFileProvider(
            new PhysicalFileProvider(siteThemeFolder) { UsePollingFileWatcher = true, UseActivePolling = true },
            new PhysicalFileProvider(defaultThemeFolder) { UsePollingFileWatcher = true, UseActivePolling = true });
    }

    public async Task<string> RenderPageAsync(string template, IReadOnlyDictionary<string, object?> values)
    {
        var context = Context(values);
        var content = await Template(template).RenderAsync(context, Encoder);
        context.SetValue("content_for_layout", new StringValue(content, encode: false));
        return await Template("layout").RenderAsync(context, Encoder);
    }

    /// <summary>A template on its own, outside the layout: a newsletter email.</summary>
    public Task<string> RenderAsync(string template, IReadOnlyDictionary<string, object?> values) =>
        Template(template).RenderAsync(Context(values), Encoder).AsTask();

    private TemplateContext Context(IReadOnlyDictionary<string, object?> values)
    {
        var context = new TemplateContext(options);
        foreach (var (name, value) in values)
            context.SetValue(name, value);
        return context;
    }

    private IFluidTemplate Template(string name) => templates.GetOrAdd(name, Load);

    private IFluidTemplate Load(string name)
    {
        var path = name + ".liquid";
        var file = Files.GetFileInfo(path);
        if (!file.Exists) throw new FileNotFoundException($"The theme has no template '{path}'.");
        Files.Watch(path).RegisterChangeCallback(_ =>
        {
            templates.TryRemove(name, out IFluidTemplate? _);
            TemplateChanged?.Invoke();
        }, null);
        using var reader = new StreamReader(file.CreateReadStream());
        var source = reader.ReadToEnd();
        return parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Theme template '{path}' does not parse: {error}");
    }
}
