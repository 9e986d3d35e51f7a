using System.Reflection;

namespace Masthead.Staff;

/// <summary>
/// What a staff password must not be (OWASP ASVS 2.1.7): short, common, a run or repeat of a few characters, or made
/// from the account's own name, address or the site's name. Each refusal says why, so a person can choose better.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 10;

    private static readonly HashSet<string> Common = LoadCommon();

    private static readonly string[] Runs = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc", "qazwsxedc"];

    /// <summary>Why <paramref name="password"/> will not do for this account, or null when it will.</summary>
    public static string? Problem(string? password, params string?[] context)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
            return $"Use at least {MinimumLength} characters.";
        var folded = password.ToLowerInvariant();
        if (folded.Distinct().Count() <= 3)
            return "Use more than a few different characters: repeats like this are among the first guesses.";
        if (IsRun(folded))
            return "That is a run of keys or characters, among the first guesses; choose something less regular.";
        var core = Core(folded);
        if (Common.Contains(folded) || Common.Contains(core) || Common.Contains(Unleet(core)))
            return "That is one of the most common passwords, which are tried first; choose something less common.";
        foreach (var word in context.SelectMany(Words))
            if (core.Contains(word, StringComparison.Ordinal) && word.Length >= Math.Max(4, core.Length / 2))
                return "Do not build the password from your name, your email address or the site's name.";
        return null;
    }

    /// <summary>The password without the digits and symbols people add around a word ("Password12!" → "password").</summary>
    private static string Core(string folded) => folded.Trim("0123456789!@#$%^&*()-_=+.,?;: ".ToCharArray()) is { Length: > 0 } core ? core : folded;

    private static string Unleet(string text) =>
        new(text.Select(c => c switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '@' => 'a', '$' => 's', _ => c }).ToArray());

    private static bool IsRun(string folded) =>
        Runs.Any(run => (run + run).Contains(folded, StringComparison.Ordinal) || (Reverse(run) + Reverse(run)).Contains(folded, StringComparison.Ordinal))
        || (folded.Length % 2 == 0 && folded[..(folded.Length / 2)] == folded[(folded.Length / 2)..] && folded.Distinct().Count() <= 5);

    private static string Reverse(string text) => new(text.Reverse().ToArray());

    /// <summary>The parts of a name, address or site name long enough to matter: "ada.lovelace@example.org" → ada, lovelace, example…</summary>
    private static IEnumerable<string> Words(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] :
        text.ToLowerInvariant().Split([' ', '.', '@', '-', '_', '+'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 4).Append(text.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal));

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Masthead.Staff.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') words.Add(line.Trim());
        return words;
    }
}
