namespace Masthead.Publishing;

/// <summary>The last answer the background checker got for one http(s) URL found in a body.</summary>
public sealed class LinkCheck
{
    public int Id { get; set; }
    public required string Url { get; set; }
    public required string Host { get; set; }
    public DateTime? CheckedAt { get; set; }
    public int? StatusCode { get; set; }
    public string? RedirectTo { get; set; }
    public string? Error { get; set; }

    public bool IsBroken => CheckedAt is not null && (Error is not null || StatusCode >= 400);
}
