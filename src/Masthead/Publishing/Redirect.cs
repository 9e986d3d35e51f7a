namespace Masthead.Publishing;

/// <summary>An old public path that now lives elsewhere (a renamed term, vocabulary, person or article): answered with 301.</summary>
public sealed class Redirect
{
    public int Id { get; set; }
    public required string FromPath { get; set; }
    public required string ToPath { get; set; }
}
