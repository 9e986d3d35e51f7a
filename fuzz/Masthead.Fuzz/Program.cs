using System.Text;
using SharpFuzz;

namespace Masthead.Fuzz;

/// <summary>`dotnet Masthead.Fuzz.dll TARGET`: the afl++ harness for one of <see cref="FuzzTargets.All"/>.</summary>
public static class Harness
{
    public static int Main(string[] args)
    {
        if (args.Length != 1 || !FuzzTargets.All.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: Masthead.Fuzz TARGET   (one of: {string.Join(", ", FuzzTargets.All.Keys)})");
            return 2;
        }
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false));
            target(reader.ReadToEnd());
        });
        return 0;
    }
}
