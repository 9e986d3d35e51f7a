using System.CommandLine;
using Masthead.Cli;

namespace Masthead.Media;

/// <summary>`masthead media variants`.</summary>
public static class MediaCommands
{
    public static Command Build(WithServices withServices, TextWriter output)
    {
        var variants = new Command("variants", "Make the resized copies of pictures stored without them (older uploads, restored archives)");
        variants.SetAction((parse, cancellation) => withServices(parse, async services =>
        {
            var (made, refused) = await services.GetRequiredService<MediaLibrary>().MakeMissingVariantsAsync(cancellation);
            foreach (var reason in refused) output.WriteLine("refused: " + reason);
            output.WriteLine($"{made} pictures given their variants, {refused.Count} refused");
            return refused.Count == 0 ? 0 : 1;
        }, cancellation));
        return new Command("media", "The media library") { variants };
    }
}
