using System.Globalization;

namespace Masthead.ContentApi;

/// <summary>
/// A parsed NQL filter tested against one object in memory, for tags and authors (a site has hundreds, not millions).
/// <paramref name="field"/> answers a key with its value as text (null for NQL's null) or throws <see cref="NqlError"/>.
/// </summary>
public static class NqlMatch
{
    public static bool Matches(NqlNode node, Func<string, string?> field) => node switch
    {
        NqlAnd and => and.Parts.All(p => Matches(p, field)),
        NqlOr or => or.Parts.Any(p => Matches(p, field)),
        NqlCompare c => Compare(c, field(c.Key)),
        _ => false,
    };

    private static bool Compare(NqlCompare c, string? actual)
    {
        bool Same(string? v) => string.Equals(actual, v, StringComparison.OrdinalIgnoreCase);
        var value = c.Values[0];
        var text = actual ?? "";
        var wanted = value ?? "";
        return c.Op switch
        {
            NqlOp.Equal or NqlOp.In => c.Values.Any(Same),
            NqlOp.NotEqual or NqlOp.NotIn => !c.Values.Any(Same),
            NqlOp.Contains => text.Contains(wanted, StringComparison.OrdinalIgnoreCase),
            NqlOp.NotContains => !text.Contains(wanted, StringComparison.OrdinalIgnoreCase),
            NqlOp.StartsWith => text.StartsWith(wanted, StringComparison.OrdinalIgnoreCase),
            NqlOp.NotStartsWith => !text.StartsWith(wanted, StringComparison.OrdinalIgnoreCase),
            NqlOp.EndsWith => text.EndsWith(wanted, StringComparison.OrdinalIgnoreCase),
            NqlOp.NotEndsWith => !text.EndsWith(wanted, StringComparison.OrdinalIgnoreCase),
            _ => Order(c, actual, value) switch
            {
                var o when c.Op == NqlOp.Greater => o > 0,
                var o when c.Op == NqlOp.GreaterOrEqual => o >= 0,
                var o when c.Op == NqlOp.Less => o < 0,
                var o => o <= 0,
            },
        };
    }

    /// <summary>Numbers compare as numbers (count.posts:&gt;2), anything else as text.</summary>
    private static int Order(NqlCompare c, string? actual, string? value)
    {
        if (actual is null || value is null) throw new NqlError($"'{c.Key}' cannot be compared with null by > or <");
        return double.TryParse(actual, CultureInfo.InvariantCulture, out var a) && double.TryParse(value, CultureInfo.InvariantCulture, out var b)
            ? a.CompareTo(b) : string.Compare(actual, value, StringComparison.OrdinalIgnoreCase);
    }
}
