using System.ComponentModel.DataAnnotations;

namespace Masthead.Comments;

/// <summary>Masthead:Comments — how threads are shown and what one commenter may post.</summary>
public sealed class CommentsOptions
{
    public const string Section = "Masthead:Comments";

    /// <summary>How deep replies nest; deeper replies line up at this level.</summary>
    [Range(1, 10)] public int MaxDepth { get; set; } = 3;
    /// <summary>Top-level comments on the article page; "load more" brings the next ones.</summary>
    [Range(1, 1000)] public int ThreadsPerPage { get; set; } = 50;
    /// <summary>Comments one client address may post in an hour.</summary>
    [Range(1, 10_000)] public int PerClientPerHour { get; set; } = 20;
    /// <summary>Comments one email address or member may post in an hour.</summary>
    [Range(1, 10_000)] public int PerCommenterPerHour { get; set; } = 10;
    /// <summary>A comment sent sooner than this after its form was shown is refused (people take longer).</summary>
    [Range(0, 600)] public int MinSecondsToWrite { get; set; } = 3;
    /// <summary>How long commenters may edit or delete their own comment.</summary>
    [Range(0, 1440)] public int EditMinutes { get; set; } = 10;
}
