using System.Text;
using Masthead.Fuzz;

namespace Masthead.Tests.Importing;

/// <summary>
/// Every input the fuzzer (fuzz/run.sh) found to crash or hang a parser is kept in Fixtures/fuzz/{target}/ and replayed
/// here through the same entry point: it must now be read or refused cleanly, within 30 seconds.
/// </summary>
public sealed class FuzzFindingsTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz");

    public static TheoryData<string, string> Findings()
    {
        var findings = new TheoryData<string, string>();
        foreach (var target in Directory.GetDirectories(Folder).Order(StringComparer.Ordinal))
            foreach (var file in Directory.GetFiles(target).Order(StringComparer.Ordinal))
                findings.Add(Path.GetFileName(target), Path.GetFileName(file));
        return findings;
    }

    /// <summary>The fuzzer's seeds (fuzz/seeds/{target}/): real files, each read or refused by its target as it is.</summary>
    public static TheoryData<string, string> Seeds()
    {
        var seeds = new TheoryData<string, string>();
        foreach (var target in Directory.GetDirectories(Infrastructure.TestFolders.Repository("fuzz", "seeds")).Order(StringComparer.Ordinal))
            foreach (var file in Directory.GetFiles(target).Order(StringComparer.Ordinal))
                seeds.Add(Path.GetFileName(target), Path.GetFileName(file));
        return seeds;
    }

    [Fact]
    public void Every_target_has_seeds() =>
        Assert.Equal(FuzzTargets.All.Keys.Order(StringComparer.Ordinal), Seeds().Select(row => row.Data.Item1).Distinct());

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_seed_passes_its_target(string target, string file) =>
        FuzzTargets.All[target](File.ReadAllText(Infrastructure.TestFolders.Repository("fuzz", "seeds", target, file)));

    [Theory]
    [MemberData(nameof(Findings))]
    public async Task A_finding_is_now_read_or_refused_in_time(string target, string file)
    {
        // Decoded as the fuzzing harness decodes it: broken UTF-8 becomes U+FFFD, as File.ReadAllText would.
        var text = new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(File.ReadAllBytes(Path.Combine(Folder, target, file)));
        var run = Task.Run(() => FuzzTargets.All[target](text), TestContext.Current.CancellationToken);
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)) == run, $"{target}/{file} took over 30 s");
        await run; // its exception, if the parser still throws one it should not
    }
}
