namespace Masthead.Importing;

/// <summary>Why an input was refused, in words a person can act on: "page.txt, line 7: no dateline (…)".</summary>
public sealed class ImportError(string file, int line, string reason) : Exception($"{file}, line {line}: {reason}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}

/// <summary>What an import run did, for the summary printed at the end.</summary>
public sealed class ImportSummary
{
    public int Created { get; set; }
    public int Updated { get; set; }
    public List<ImportError> Refused { get; } = [];
    public List<string> Warnings { get; } = [];
}
