using System.CommandLine;
using Masthead.Cli;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.ContentApi;

/// <summary>`masthead content-key create|list|revoke`.</summary>
public static class ContentKeyCommands
{
    public static Command Build(WithServices withServices, TextWriter output)
    {
        var keyName = new Argument<string>("name") { Description = "what will use the key, e.g. \"Next.js front end\"" };
        var createKey = new Command("create", "Make a Content API key and print it") { keyName };
        createKey.SetAction((parse, cancellation) => withServices(parse, async services =>
        {
            var outcome = await ContentKeys.CreateAsync(services.GetRequiredService<MastheadDb>(), parse.GetValue(keyName)!,
                services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellation);
            output.WriteLine(outcome.Value?.Secret ?? outcome.Refusal!.Errors.Values.Single());
            return outcome.Succeeded ? 0 : 1;
        }, cancellation));
        var listKeys = new Command("list", "List the Content API keys: name, key, creation time");
        listKeys.SetAction((parse, cancellation) => withServices(parse, async services =>
        {
            var keys = await services.GetRequiredService<MastheadDb>().ContentApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(cancellation);
            foreach (var key in keys) output.WriteLine($"{key.Name}\t{key.Secret}\t{key.CreatedAt:yyyy-MM-dd'T'HH:mm:ss'Z'}");
            if (keys.Count == 0) output.WriteLine("No Content API keys.");
            return 0;
        }, cancellation));
        var revokeWhat = new Argument<string>("key") { Description = "the key, or its name" };
        var revokeKey = new Command("revoke", "Revoke a Content API key at once") { revokeWhat };
        revokeKey.SetAction((parse, cancellation) => withServices(parse, async services =>
        {
            var revoked = await ContentKeys.RevokeAsync(services.GetRequiredService<MastheadDb>(), parse.GetValue(revokeWhat)!, cancellation);
            output.WriteLine(revoked ? "Revoked." : $"No key is named or equal to '{parse.GetValue(revokeWhat)}'.");
            return revoked ? 0 : 1;
        }, cancellation));

        return new Command("content-key", "Keys of the Ghost-compatible Content API") { createKey, listKeys, revokeKey };
    }
}
