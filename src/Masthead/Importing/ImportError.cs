namespace Masthead.Importing;

/// <summary>Why an input was refused, in words a person can act on: "page.txt, line 7: no dateline (…)".</summary>
public sealed class ImportError(string file, int line, string reason) : Exception(line > 0 ? $"{file}, line {line}: {reason}" : $"{file}: {reason}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Reason { get; } = reason;

    /// <summary>A refused value as it can be shown in one line: control characters escaped, long ones cut.</summary>
    public static string Shown(string value)
    {
        var shown = string.Concat(value.Take(80).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return value.Length > 80 ? shown + "…" : shown;
    }
}

/// <summary>What an import run did, for the summary printed at the end.</summary>
public sealed class ImportSummary
{
    public int Created { get; set; }
    public int Updated { get; set; }
    public List<ImportError> Refused { get; } = [];
    public List<string> Warnings { get; } = [];
    /// <summary>Items read but not imported, each with its place in the file and the reason.</summary>
    public List<string> Skipped { get; } = [];
    /// <summary>Attachments read as addresses of media that stays where it is (WordPress's uploads).</summary>
    public int MediaReferences { get; set; }
    /// <summary>Members created or updated (Ghost exports that carry them).</summary>
    public int Members { get; set; }
}
