using System.Globalization;

namespace Masthead.ContentApi;

/// <summary>A problem with a request's parameters, answered with Ghost's error body and status.</summary>
public sealed class GhostRequestError(int status, string type, string message, string? context, string? help = null) : Exception(message)
{
    public int Status => status;
    public string Type => type;
    public string? Context => context;
    /// <summary>What exactly was wrong, where Ghost's own context is a fixed phrase.</summary>
    public string? Help => help;
}

/// <summary>include, fields, formats, limit, page, order and filter, read as Ghost reads them.</summary>
public sealed record BrowseOptions(
    IReadOnlySet<string> Include, IReadOnlySet<string>? Fields, IReadOnlySet<string> Formats, int Limit, int Page,
    IReadOnlyList<(string Key, bool Descending)> Order, NqlNode? Filter)
{
    public const int MaxLimit = 100;
    public const int DefaultLimit = 15;

    public bool Includes(string what) => Include.Contains(what);

    /// <param name="resource">"posts", "tags"… for Ghost's messages ("cannot list posts").</param>
    public static BrowseOptions Read(IQueryCollection query, string resource)
    {
        static HashSet<string> List(string? value) =>
            new((value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.ToLowerInvariant()));

        var limitText = query["limit"].FirstOrDefault();
        var limit = DefaultLimit;
        if (limitText is "all") limit = MaxLimit;
        else if (!string.IsNullOrEmpty(limitText))
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
                throw Validation("limit", limitText);
            limit = Math.Min(limit, MaxLimit);
        }
        var pageText = query["page"].FirstOrDefault();
        var page = 1;
        if (!string.IsNullOrEmpty(pageText) && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
            throw Validation("page", pageText);

        var order = new List<(string, bool)>();
        foreach (var part in List(query["order"].FirstOrDefault()))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 2 || (words.Length == 2 && words[1] is not ("asc" or "desc")))
                throw new GhostRequestError(400, "BadRequestError", $"Request not understood error, cannot list {resource}.", $"Invalid order '{part}'");
            order.Add((words[0], words.Length == 2 && words[1] == "desc"));
        }

        NqlNode? filter = null;
        if (query["filter"].FirstOrDefault() is { Length: > 0 } filterText)
        {
            try { filter = Nql.Parse(filterText); }
            catch (NqlError error) { throw BadFilter(resource, error); }
        }

        var formats = List(query["formats"].FirstOrDefault());
        if (formats.Count == 0) formats.Add("html");
        var fields = List(query["fields"].FirstOrDefault());
        return new BrowseOptions(List(query["include"].FirstOrDefault()), fields.Count == 0 ? null : fields, formats, limit, page, order, filter);
    }

    public static GhostRequestError BadFilter(string resource, NqlError error) =>
        new(400, "BadRequestError", $"Request not understood error, cannot list {resource}.", "Error parsing filter", error.Message);

    private static GhostRequestError Validation(string parameter, string value) =>
        new(422, "ValidationError", $"Validation (isNumeric) failed for {parameter}", $"'{value}' is not a positive whole number");
}
