namespace Masthead.Tests;

/// <summary>Hand-written pages of the reference's shape, for what the reference does not show.</summary>
public static class Pages
{
    public static string Reference => File.ReadAllText(Infrastructure.TestFolders.ReferencePage);

    /// <summary>Two bylines (one non-ASCII), no In-depth Report, real link targets, origin with a URL.</summary>
    public const string TwoBylines = """
        Europe's Quiet Rearmament

        By [Ana Müller](https://example.org/ana) and [Søren Ødegård](#)

        Global Research, March 3, 2021

        Region: [Europe](#)

        Theme: [Militarization and WMD](#), [Law and Justice](#)

        Defence budgets across the continent rose for the **seventh** year, according to the [SIPRI yearbook](https://www.sipri.org/yearbook).

        > Quoted material stays a quotation.

        *

        Ana Müller is a researcher in Berlin. This article was originally published on [Berlin Review](https://berlin-review.example/rearmament).

        Søren Ødegård writes from Oslo.

        Articles by: [Ana Müller](#)
        """;
}
